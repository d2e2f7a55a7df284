using Intake.Contracts;
using Intake.IntegrationTests.Infrastructure;
using Intake.Persistence.Inbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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

    [Fact]
    public async Task A_job_waiting_behind_a_long_backlog_is_sent_again_less_and_less_often()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(20));
        await Stack.StopWorkerAsync();
        try
        {
            var job = await alice.SubmitJobAsync("process-document", new { documentId }, key: "backlogged");
            await WaitUntilSentAsync(job);

            // The sweep as a worker runs it (30-min window), driven here while no worker consumes:
            // the job's messages stay in the queue, as behind a backlog.
            var recovery = new LostCommandRecovery(
                Stack.Api.Services.GetRequiredService<IServiceScopeFactory>(),
                Options.Create(new InboxOptions { QueuedResendAfter = TimeSpan.FromMinutes(30) }),
                TimeProvider.System,
                NullLogger<LostCommandRecovery>.Instance);
            await Stack.Postgres.ScalarAsync("UPDATE jobs SET created_at = now() - interval '1 day' WHERE id = $1 RETURNING 1", job);

            // One message, sent 45 min ago: past the window, sent again.
            await AgeMessagesAsync(job, minutes: 45);
            Assert.Equal(1, await recovery.ResendAsync(CancellationToken.None));
            await WaitUntilSentAsync(job, 2);

            // Two messages, the last 45 min ago: the window has doubled to 60 min, left alone.
            await AgeMessagesAsync(job, minutes: 45);
            Assert.Equal(0, await recovery.ResendAsync(CancellationToken.None));

            // … until 60 min have passed.
            await AgeMessagesAsync(job, minutes: 65);
            Assert.Equal(1, await recovery.ResendAsync(CancellationToken.None));
            await WaitUntilSentAsync(job, 3);

            // Three messages: 120 min now.
            await AgeMessagesAsync(job, minutes: 100);
            Assert.Equal(0, await recovery.ResendAsync(CancellationToken.None));
        }
        finally
        {
            // The worker consumes the job once; the inbox acknowledges the re-sent duplicates.
            await Stack.RestartWorkerAsync();
        }
    }

    [Fact]
    public async Task Sweeps_running_at_once_send_each_lost_job_again_once_between_them()
    {
        // Every worker runs this sweep. A sweep whose snapshot predates another's commit used to
        // lock the same job right after that commit released it and re-send it a second time.
        const int Sweeps = 4;
        const int Rounds = 6;
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(20));
        await Stack.StopWorkerAsync();
        try
        {
            var jobs = new Guid[60];
            for (var i = 0; i < jobs.Length; i++)
            {
                jobs[i] = await alice.SubmitJobAsync("process-document", new { documentId }, key: $"lost-{i}");
            }

            await Stack.Postgres.ScalarAsync("UPDATE jobs SET created_at = now() - interval '1 day' WHERE id = ANY($1) RETURNING 1", jobs);
            var recovery = new LostCommandRecovery(
                Stack.Api.Services.GetRequiredService<IServiceScopeFactory>(),
                Options.Create(new InboxOptions { QueuedResendAfter = TimeSpan.FromMinutes(30) }),
                TimeProvider.System,
                NullLogger<LostCommandRecovery>.Instance);
            for (var round = 1; round <= Rounds; round++)
            {
                foreach (var job in jobs)
                {
                    await WaitUntilSentAsync(job, round);
                }

                // Long enough ago for any number of doublings of the window.
                await Stack.Postgres.ScalarAsync("UPDATE outbox_messages SET sent_at = now() - interval '10 days' WHERE job_id = ANY($1) RETURNING 1", jobs);

                var resent = await Task.WhenAll(Enumerable.Range(0, Sweeps).Select(_ => Task.Run(() => recovery.ResendAsync(CancellationToken.None))));

                Assert.Equal(jobs.Length, resent.Sum());
                Assert.Equal(0, await Stack.Postgres.ScalarAsync(
                    "SELECT count(*) FROM (SELECT o.job_id FROM outbox_messages o WHERE o.job_id = ANY($1) GROUP BY o.job_id HAVING count(*) <> $2) AS off",
                    jobs, round + 1));
            }
        }
        finally
        {
            // Hundreds of copies no test needs; the database is reset before the next test.
            await Stack.RabbitMq.PurgeQueueAsync(JobQueues.ProcessDocument);
            await Stack.RestartWorkerAsync();
        }
    }

    /// <summary>As if the job's last message (and so every earlier one) had been sent <paramref name="minutes"/> ago.</summary>
    private async Task AgeMessagesAsync(Guid jobId, int minutes) =>
        await Stack.Postgres.ScalarAsync(
            "UPDATE outbox_messages SET sent_at = now() - make_interval(mins => $2) WHERE job_id = $1 RETURNING 1", jobId, minutes);

    /// <summary>Waits until at least <paramref name="messages"/> of the job's outbox rows were sent.</summary>
    private async Task WaitUntilSentAsync(Guid jobId, int messages = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE job_id = $1 AND sent_at IS NOT NULL", jobId) < messages)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Fewer than {messages} outbox rows of the job were sent.");
            }

            await Task.Delay(50);
        }
    }
}
