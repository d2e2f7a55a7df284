using Intake.Contracts;
using Intake.IntegrationTests.Infrastructure;
using Intake.Persistence.Entities;
using Intake.Persistence.Outbox;

namespace Intake.IntegrationTests.Messaging;

public sealed class OutboxTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task A_command_committed_without_a_publish_is_sent_by_the_relay()
    {
        // As if the API crashed right after its commit: the rows exist, nobody woke the relay.
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(15));
        var jobId = Guid.CreateVersion7();
        await using (var scope = Stack.CreateScope(out var db))
        {
            var now = DateTimeOffset.UtcNow;
            db.Jobs.Add(new Job
            {
                Id = jobId, UserId = "alice", Type = JobTypes.ProcessDocument, Request = "{}", CreatedAt = now,
            });
            db.AddOutboxCommand(new ProcessDocument(jobId, "alice", documentId, 500, 50), JobQueues.ProcessDocument, now);
            await db.SaveChangesAsync();
        }

        var job = await alice.WaitForJobAsync(jobId);

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"));
    }

    [Fact]
    public async Task A_command_whose_document_vanished_fails_at_once_without_retries()
    {
        var alice = As("alice");
        var jobId = Guid.CreateVersion7();
        await using (var scope = Stack.CreateScope(out var db))
        {
            var now = DateTimeOffset.UtcNow;
            db.Jobs.Add(new Job { Id = jobId, UserId = "alice", Type = JobTypes.ProcessDocument, Request = "{}", CreatedAt = now });
            db.AddOutboxCommand(new ProcessDocument(jobId, "alice", Guid.NewGuid(), 500, 50), JobQueues.ProcessDocument, now);
            await db.SaveChangesAsync();
        }

        var job = await alice.WaitForJobAsync(jobId);

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("document-not-found", job.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(1, job.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_job_submitted_while_the_broker_is_down_runs_once_it_is_back()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(15));

        await Stack.RabbitMq.StopAsync();
        Guid jobId;
        try
        {
            jobId = await alice.SubmitJobAsync("process-document", new { documentId }, key: "outage-key");
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal("queued", (await alice.GetAsync($"/v1/jobs/{jobId}")).GetProperty("status").GetString());
            Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"));
        }
        finally
        {
            await Stack.RabbitMq.StartAsync();
        }

        var job = await alice.WaitForJobAsync(jobId, TimeSpan.FromSeconds(90));
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"));
    }

    [Fact]
    public async Task A_backlog_of_several_batches_is_sent_by_concurrent_batches_without_failures()
    {
        // More rows than two lanes' batches (250 each), committed without waking the relay, to a
        // queue nobody consumes: the lanes must split them (SKIP LOCKED) and mark every row sent, in batches no larger than BatchSize.
        const int rows = 700;
        await using (var scope = Stack.CreateScope(out var db))
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < rows; i++)
            {
                var jobId = Guid.CreateVersion7();
                db.AddOutboxCommand(new ProcessDocument(jobId, "alice", Guid.NewGuid(), 500, 50), "relay-backlog-test", now);
            }

            await db.SaveChangesAsync();
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(rows, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NOT NULL AND attempts = 0"));
        // One sent_at per batch: at least three batches, none larger than the batch size.
        Assert.True(await Stack.Postgres.ScalarAsync("SELECT count(DISTINCT sent_at) FROM outbox_messages") >= 3);
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM (SELECT sent_at FROM outbox_messages GROUP BY sent_at HAVING count(*) > 250) b"));
    }

    [Fact]
    public async Task A_row_that_cannot_be_sent_keeps_its_attempt_and_error_and_waits_before_its_next_try()
    {
        // A contract name nobody knows: every send of this row fails before it reaches the broker.
        var committedAt = DateTimeOffset.UtcNow;
        await using (var scope = Stack.CreateScope(out var db))
        {
            var message = db.AddOutboxCommand(new ProcessDocument(Guid.CreateVersion7(), "alice", Guid.NewGuid(), 500, 50), "relay-failure-test", committedAt);
            message.MessageType = "Intake.Contracts.NoSuchCommand";
            await db.SaveChangesAsync();
        }

        // Committed without waking the relay: its next poll (1 s) claims the row.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE attempts > 0") == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // Visible to another session, so the claim's transaction committed the failure; the row
        // is pushed back (the first backoff is at least 125 ms) and never marked sent.
        Assert.Equal(1, await Stack.Postgres.ScalarAsync(
            "SELECT count(*) FROM outbox_messages WHERE attempts >= 1 AND sent_at IS NULL AND last_error LIKE '%NoSuchCommand%is not a known contract%' AND available_at >= $1",
            committedAt + TimeSpan.FromMilliseconds(100)));
    }
}
