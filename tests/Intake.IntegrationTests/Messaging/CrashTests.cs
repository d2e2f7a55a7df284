using Intake.IntegrationTests.Infrastructure;

namespace Intake.IntegrationTests.Messaging;

public sealed class CrashTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task A_worker_killed_mid_job_leaves_no_effects_and_the_redelivery_runs_it_once()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(60));

        await Stack.StopWorkerAsync();
        try
        {
            // A real worker process that holds each job open (effects written, not committed) for 30 s.
            using var doomed = WorkerProcess.Start("documents", new Dictionary<string, string>
            {
                ["FaultInjection:DelayBeforeCommit"] = "00:00:30",
            });
            var jobId = await alice.SubmitJobAsync("process-document", new { documentId, chunkSize = 300 }, key: "crash-key");
            await WaitUntilAsync(async () => (await alice.GetAsync($"/v1/jobs/{jobId}")).GetProperty("status").GetString() == "running");

            doomed.Kill();
            Assert.True(doomed.HasExited);
            Assert.Equal("running", (await alice.GetAsync($"/v1/jobs/{jobId}")).GetProperty("status").GetString());
            Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM document_chunks"));

            // The broker requeues the unacknowledged command; a healthy worker runs it.
            await Stack.RestartWorkerAsync();
            var job = await alice.WaitForJobAsync(jobId, TimeSpan.FromSeconds(60));

            Assert.Equal("succeeded", job.GetProperty("status").GetString());
            Assert.Equal(2, job.GetProperty("attempts").GetInt32());
            var chunkCount = job.GetProperty("result").GetProperty("chunkCount").GetInt32();
            Assert.Equal(chunkCount, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM document_chunks"));
            Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM inbox_messages"));
        }
        finally
        {
            if (!Stack.WorkerRunning)
            {
                await Stack.RestartWorkerAsync();
            }
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met within 90 s (a worker process starting on a loaded machine).");
            }

            await Task.Delay(100);
        }
    }
}
