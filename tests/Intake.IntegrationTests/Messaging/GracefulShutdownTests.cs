using Intake.IntegrationTests.Infrastructure;

namespace Intake.IntegrationTests.Messaging;

/// <summary>
/// SIGTERM, as docker stop and Kubernetes send it, to a real worker process: it stops taking
/// messages, lets its in-flight job finish within the grace period and leaves the rest to
/// redelivery. The in-process worker is stopped meanwhile, so nothing else can run the jobs.
/// </summary>
public sealed class GracefulShutdownTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task On_SIGTERM_a_worker_finishes_its_in_flight_job_takes_no_new_one_and_exits_cleanly()
    {
        var alice = As("alice");
        var first = await alice.CreateDocumentAsync(TestText.Prose(30));
        var second = await alice.CreateDocumentAsync(TestText.Prose(30));

        await Stack.StopWorkerAsync();
        Guid waiting;
        try
        {
            // One job at a time, one message prefetched: the second command waits in the queue.
            using var worker = WorkerProcess.Start("documents", new Dictionary<string, string>
            {
                ["FaultInjection:DelayBeforeCommit"] = "00:00:04",
                ["Shutdown:GracePeriod"] = "00:00:30",
                ["Workers:Documents:ConcurrentMessageLimit"] = "1",
                ["Workers:Documents:PrefetchCount"] = "1",
            });
            var inFlight = await alice.SubmitJobAsync("process-document", new { documentId = first }, key: "drain-1");
            await WaitForStatusAsync(alice, inFlight, "running");
            waiting = await alice.SubmitJobAsync("process-document", new { documentId = second }, key: "drain-2");

            worker.Terminate();
            Assert.True(await worker.WaitForExitAsync(Patience), "the worker did not exit after SIGTERM");
            Assert.Equal(0, worker.ExitCode);

            // Finished by the stopping worker, once; the queued job was not touched.
            var done = await alice.GetAsync($"/v1/jobs/{inFlight}");
            Assert.Equal("succeeded", done.GetProperty("status").GetString());
            Assert.Equal(1, done.GetProperty("attempts").GetInt32());
            var untouched = await alice.GetAsync($"/v1/jobs/{waiting}");
            Assert.Equal("queued", untouched.GetProperty("status").GetString());
            Assert.Equal(0, untouched.GetProperty("attempts").GetInt32());
            Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM inbox_messages"));
        }
        finally
        {
            await Stack.RestartWorkerAsync();
        }

        // The command left in the queue runs on the next worker.
        var last = await alice.WaitForJobAsync(waiting, Patience);
        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        Assert.Equal(1, last.GetProperty("attempts").GetInt32());
        Assert.Equal(2, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM inbox_messages"));
    }

    [Fact]
    public async Task On_SIGTERM_a_job_that_outlasts_the_grace_period_is_rolled_back_and_redelivered_to_run_once()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(30));

        await Stack.StopWorkerAsync();
        Guid jobId;
        try
        {
            using var worker = WorkerProcess.Start("documents", new Dictionary<string, string>
            {
                ["FaultInjection:DelayBeforeCommit"] = "00:02:00",
                ["Shutdown:GracePeriod"] = "00:00:02",
            });
            jobId = await alice.SubmitJobAsync("process-document", new { documentId }, key: "outlasts-grace");
            await WaitForStatusAsync(alice, jobId, "running");

            worker.Terminate();
            Assert.True(await worker.WaitForExitAsync(Patience), "the worker did not exit after its grace period");

            // Cancelled, not failed: nothing committed, nothing recorded against the job.
            var job = await alice.GetAsync($"/v1/jobs/{jobId}");
            Assert.NotEqual("succeeded", job.GetProperty("status").GetString());
            Assert.NotEqual("failed", job.GetProperty("status").GetString());
            Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM document_chunks"));
            Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM inbox_messages"));
        }
        finally
        {
            await Stack.RestartWorkerAsync();
        }

        // The unacknowledged command comes back from the broker, not from an error queue.
        var finished = await alice.WaitForJobAsync(jobId, Patience);
        Assert.Equal("succeeded", finished.GetProperty("status").GetString());
        Assert.Equal(2, finished.GetProperty("attempts").GetInt32());
        var chunkCount = finished.GetProperty("result").GetProperty("chunkCount").GetInt32();
        Assert.Equal(chunkCount, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM document_chunks"));
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM inbox_messages"));
    }

    private static async Task WaitForStatusAsync(ApiClient client, Guid jobId, string status)
    {
        var deadline = DateTime.UtcNow + Patience;
        while ((await client.GetAsync($"/v1/jobs/{jobId}")).GetProperty("status").GetString() != status)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId} never became {status}.");
            }

            await Task.Delay(100);
        }
    }
}
