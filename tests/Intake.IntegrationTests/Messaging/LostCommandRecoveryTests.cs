using Intake.Contracts;
using Intake.IntegrationTests.Infrastructure;
using Intake.Persistence.Inbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Intake.IntegrationTests.Messaging;

public sealed class LostCommandRecoveryTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task A_queued_job_whose_command_the_broker_lost_is_sent_again_and_completed_once()
    {
        var alice = As("alice");
        var lostDocument = await alice.CreateDocumentAsync(TestText.Prose(20));
        var freshDocument = await alice.CreateDocumentAsync(TestText.Prose(20));
        await Stack.StopWorkerAsync();
        Guid lost;
        Guid fresh;
        try
        {
            lost = await alice.SubmitJobAsync("process-document", new { documentId = lostDocument }, key: "lost-command");
            await WaitUntilSentAsync(lost);

            // The message is really gone: nobody consumed it, the queue was purged.
            await Stack.RabbitMq.PurgeQueueAsync(JobQueues.ProcessDocument);

            // As if it had been sent two hours ago. A second job, sent just now, must be left alone.
            await Stack.Postgres.ScalarAsync(
                "UPDATE jobs SET created_at = now() - interval '2 hours' WHERE id = $1 RETURNING 1", lost);
            await Stack.Postgres.ScalarAsync(
                "UPDATE outbox_messages SET created_at = now() - interval '2 hours', sent_at = now() - interval '2 hours' WHERE job_id = $1 RETURNING 1", lost);
            fresh = await alice.SubmitJobAsync("process-document", new { documentId = freshDocument }, key: "fresh-command");
            await WaitUntilSentAsync(fresh);
        }
        finally
        {
            await Stack.RestartWorkerAsync();
        }

        // The worker's sweep runs at start-up and may already have re-sent it; sweeping again
        // must not re-send it twice (its new message is recent).
        var recovery = Stack.Worker.Services.GetServices<IHostedService>().OfType<LostCommandRecovery>().Single();
        await recovery.ResendAsync(CancellationToken.None);

        var job = await alice.WaitForJobAsync(lost);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(1, job.GetProperty("attempts").GetInt32());
        Assert.Equal(2, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE job_id = $1", lost));
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE job_id = $1", lost));

        Assert.Equal("succeeded", (await alice.WaitForJobAsync(fresh)).GetProperty("status").GetString());
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE job_id = $1", fresh));
    }

    private async Task WaitUntilSentAsync(Guid jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE job_id = $1 AND sent_at IS NOT NULL", jobId) == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The outbox row was never sent.");
            }

            await Task.Delay(50);
        }
    }
}
