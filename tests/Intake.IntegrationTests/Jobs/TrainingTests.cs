using System.Net;
using System.Text.Json;
using Intake.IntegrationTests.Infrastructure;

namespace Intake.IntegrationTests.Jobs;

public sealed class TrainingTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task Training_reports_progress_and_a_cancel_stops_it_promptly_without_a_run()
    {
        var alice = As("alice");
        var datasetId = await BuildDatasetAsync(alice);
        var jobId = await alice.SubmitJobAsync("start-training", new { datasetId, epochs = 20 });

        var progress = await WaitForAsync(alice, jobId, job =>
            job.GetProperty("progress") is { ValueKind: JsonValueKind.Object } p
            && p.GetProperty("stage").GetString() == "training" && p.GetProperty("percent").GetDouble() > 0);
        Assert.Equal(20, progress.GetProperty("progress").GetProperty("epochs").GetInt32());

        var cancelledAt = DateTime.UtcNow;
        using var cancel = await alice.PostAsync($"/v1/jobs/{jobId}/cancel", "");
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        await WaitForAsync(alice, jobId, job => job.GetProperty("status").GetString() == "cancelled");

        Assert.True(DateTime.UtcNow - cancelledAt < TimeSpan.FromSeconds(10), "cancellation must be prompt");
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM training_runs"));
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM job_checkpoints"));
    }

    [Fact]
    public async Task A_training_worker_killed_after_epoch_two_resumes_and_commits_one_run()
    {
        var alice = As("alice");
        var datasetId = await BuildDatasetAsync(alice);
        await Stack.StopWorkerAsync();
        Guid jobId;
        try
        {
            using (var doomed = WorkerProcess.Start("training", new Dictionary<string, string>
            {
                ["Inbox:Lease"] = "00:00:10",
            }))
            {
                jobId = await alice.SubmitJobAsync("start-training", new { datasetId, epochs = 5 }, key: "train-crash");
                await WaitUntilAsync(async () =>
                    await Stack.Postgres.ScalarAsync("SELECT coalesce(max(step), 0) FROM job_checkpoints WHERE job_id = $1", jobId) >= 2,
                    TimeSpan.FromSeconds(120));
                doomed.Kill();
            }

            Assert.Equal("running", (await alice.GetAsync($"/v1/jobs/{jobId}")).GetProperty("status").GetString());
        }
        finally
        {
            await Stack.RestartWorkerAsync();
        }

        // The dead worker's lease expires, the sweep re-queues the job, a healthy worker resumes it.
        var job = await alice.WaitForJobAsync(jobId, TimeSpan.FromSeconds(120));
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.True(job.GetProperty("attempts").GetInt32() >= 2);
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM training_runs WHERE job_id = $1", jobId));
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM job_checkpoints"));

        var runId = job.GetProperty("result").GetProperty("trainingRunId").GetGuid();
        var run = await alice.GetAsync($"/v1/training-runs/{runId}");
        Assert.True(run.GetProperty("plan").GetProperty("resumedFromEpoch").GetInt32() >= 2);
        Assert.Equal(5, run.GetProperty("metrics").GetArrayLength());
    }

    [Fact]
    public async Task A_training_worker_stopped_with_SIGTERM_hands_its_job_back_and_the_next_worker_resumes_it_at_once()
    {
        var alice = As("alice");
        var datasetId = await BuildDatasetAsync(alice);
        await Stack.StopWorkerAsync();
        Guid jobId;
        try
        {
            // The default 5 min lease: without the hand-back the job would wait for it to expire.
            // The commit is held for 2 min, so that on a fast machine the job cannot finish before
            // the SIGTERM lands: it is stopped mid-training or while waiting to commit.
            using var stopping = WorkerProcess.Start("training", new Dictionary<string, string>
            {
                ["Shutdown:GracePeriod"] = "00:00:01",
                ["FaultInjection:DelayBeforeCommit"] = "00:02:00",
                // Its shutdown in the output, should the hand-back ever fail.
                ["Logging:LogLevel:Intake"] = "Information",
                ["Logging:LogLevel:MassTransit"] = "Information",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            });
            jobId = await alice.SubmitJobAsync("start-training", new { datasetId, epochs = 5 }, key: "train-sigterm");
            await WaitUntilAsync(async () =>
                await Stack.Postgres.ScalarAsync("SELECT coalesce(max(step), 0) FROM job_checkpoints WHERE job_id = $1", jobId) >= 1,
                TimeSpan.FromSeconds(120));
            stopping.Terminate();
            Assert.True(await stopping.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the training worker did not exit after SIGTERM");

            var handedBack = await Stack.Postgres.ScalarAsync(
                "SELECT count(*) FROM jobs WHERE id = $1 AND status = 'queued' AND lease_owner IS NULL", jobId);
            Assert.True(handedBack == 1,
                $"the job was not handed back (worker pid {stopping.Id}, exit code {stopping.ExitCode}; {await DescribeJobAsync(jobId)}); worker output:\n{stopping.Output}");
            Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM training_runs"));
        }
        finally
        {
            await Stack.RestartWorkerAsync();
        }

        var job = await alice.WaitForJobAsync(jobId, TimeSpan.FromSeconds(120));
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM training_runs WHERE job_id = $1", jobId));
        var runId = job.GetProperty("result").GetProperty("trainingRunId").GetGuid();
        var run = await alice.GetAsync($"/v1/training-runs/{runId}");
        Assert.True(run.GetProperty("plan").GetProperty("resumedFromEpoch").GetInt32() >= 1);
    }

    private static async Task<Guid> BuildDatasetAsync(ApiClient alice)
    {
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(300));
        await alice.WaitForJobAsync(await alice.SubmitJobAsync("process-document", new { documentId, chunkSize = 300, chunkOverlap = 0 }));
        var generated = await alice.WaitForJobAsync(await alice.SubmitJobAsync("generate-training-data", new { documentIds = new[] { documentId } }));
        return generated.GetProperty("result").GetProperty("datasetId").GetGuid();
    }

    private static async Task<JsonElement> WaitForAsync(ApiClient client, Guid jobId, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = await client.GetAsync($"/v1/jobs/{jobId}");
            if (condition(job))
            {
                return job;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId}: {job}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met in time.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The job's row as the database has it, for a failure message.</summary>
    private async Task<string> DescribeJobAsync(Guid jobId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Stack.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT format('status %s, attempts %s, lease_owner %s, lease_expires_at %s, error %s', status, attempts, lease_owner, lease_expires_at, error_code) FROM jobs WHERE id = $1",
            connection) { Parameters = { new() { Value = jobId } } };
        return (string?)await command.ExecuteScalarAsync() ?? "no job row";
    }
}
