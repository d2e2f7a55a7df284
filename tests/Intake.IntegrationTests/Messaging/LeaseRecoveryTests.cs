using System.Net;
using System.Net.Http.Headers;
using Intake.Contracts;
using Intake.IntegrationTests.Infrastructure;
using Intake.Persistence.Inbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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

    [Fact]
    public async Task A_cancel_that_commits_while_sweeps_claim_the_expired_job_still_ends_it_cancelled()
    {
        // Every job below asks to be cancelled while two sweeps recover expired leases: before a
        // sweep (the sweep must cancel it) or after (the API cancels the re-queued job). A cancel
        // checked in two statements missed a job re-queued between them; a sweep that read the row
        // on its claim's snapshot missed a cancel committed just before its lock.
        const int JobCount = 300;
        const int Rounds = 5;
        // Rate limiting off: hundreds of requests from one caller are the point here.
        await using var api = new IntakeApiFactory(new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "false" });
        using var http = api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("alice"));
        var alice = new ApiClient(http);
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(20));
        await Stack.StopWorkerAsync();
        try
        {
            var jobs = new Guid[JobCount];
            for (var i = 0; i < jobs.Length; i++)
            {
                jobs[i] = await alice.SubmitJobAsync("process-document", new { documentId }, key: $"expiring-{i}");
            }

            var recovery = new ExpiredLeaseRecovery(
                api.Services.GetRequiredService<IServiceScopeFactory>(),
                Options.Create(new InboxOptions()),
                TimeProvider.System,
                NullLogger<ExpiredLeaseRecovery>.Instance);
            for (var round = 1; round <= Rounds; round++)
            {
                await Stack.Postgres.ScalarAsync(
                    """
                    UPDATE jobs SET status = 'running', cancel_requested = false, completed_at = NULL, attempts = 1,
                                    lease_owner = 'vanished', lease_expires_at = now() - interval '1 minute'
                    WHERE id = ANY($1) RETURNING 1
                    """,
                    jobs);

                var cancels = Task.WhenAll(jobs.Chunk(JobCount / 4).Select(part => Task.Run(async () =>
                {
                    foreach (var job in part.OrderBy(_ => Random.Shared.Next()))
                    {
                        using var cancel = await alice.PostAsync($"/v1/jobs/{job}/cancel", "");
                        await ApiClient.ExpectAsync(cancel, HttpStatusCode.OK);
                    }
                })));
                var sweeps = Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
                {
                    // Until a sweep that started after the last cancel finds nothing left.
                    bool again;
                    do
                    {
                        var cancelling = !cancels.IsCompleted;
                        again = await recovery.RecoverAsync(CancellationToken.None) > 0 || cancelling;
                    }
                    while (again);
                })));
                await Task.WhenAll(cancels, sweeps);

                var wrong = await Stack.Postgres.ScalarAsync(
                    "SELECT count(*) FROM jobs WHERE id = ANY($1) AND status <> 'cancelled'", jobs);
                Assert.True(wrong == 0, $"Round {round}: {wrong} of {JobCount} jobs asked to be cancelled did not end cancelled.");
            }
        }
        finally
        {
            await Stack.RabbitMq.PurgeQueueAsync(JobQueues.ProcessDocument);
            await Stack.RestartWorkerAsync();
        }
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
