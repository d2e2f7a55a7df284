using Intake.IntegrationTests.Infrastructure;
using Intake.Persistence.Inbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Intake.IntegrationTests.Messaging;

public sealed class LeaseRecoveryTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task A_running_job_whose_lease_expired_is_requeued_sent_again_and_completed_once()
    {
        // As if the worker that held the job vanished without the broker noticing: the job is
        // `running` with an expired lease and no message anywhere.
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(20));
        await Stack.StopWorkerAsync();
        Guid jobId;
        try
        {
            jobId = await alice.SubmitJobAsync("process-document", new { documentId }, key: "stuck-key");
            await WaitUntilSentAsync(jobId);
            await Stack.Postgres.ScalarAsync(
                "UPDATE jobs SET status = 'running', attempts = 1, lease_expires_at = now() - interval '1 minute' WHERE id = $1 RETURNING 1", jobId);
        }
        finally
        {
            await Stack.RestartWorkerAsync();
        }

        // The worker's own sweep runs at start-up and may already have recovered it; sweep again
        // rather than wait for the interval. Either way the job must be re-sent exactly once.
        var recovery = Stack.Worker.Services.GetServices<IHostedService>().OfType<ExpiredLeaseRecovery>().Single();
        await recovery.RecoverAsync(CancellationToken.None);

        var job = await alice.WaitForJobAsync(jobId);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(2, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE job_id = $1", jobId));
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE job_id = $1", jobId));
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
