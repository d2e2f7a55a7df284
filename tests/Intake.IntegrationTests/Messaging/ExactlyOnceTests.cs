using Intake.Contracts;
using Intake.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Intake.IntegrationTests.Messaging;

public sealed class ExactlyOnceTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task A_command_delivered_again_after_its_job_committed_changes_nothing()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(30));
        var jobId = await alice.SubmitJobAsync("process-document", new { documentId, chunkSize = 300, chunkOverlap = 30 }, key: "dup-after");
        var job = await alice.WaitForJobAsync(jobId);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        var chunksBefore = await Stack.Postgres.ScalarAsync("SELECT count(*) FROM document_chunks");

        await SendAsync(JobQueues.ProcessDocument, new ProcessDocument(jobId, "alice", documentId, 300, 30));
        await Stack.Consumed.WaitForAsync(jobId, deliveries: 2);

        var after = await alice.GetAsync($"/v1/jobs/{jobId}");
        Assert.Equal(job.GetProperty("completedAt").GetString(), after.GetProperty("completedAt").GetString());
        Assert.Equal(1, after.GetProperty("attempts").GetInt32());
        Assert.Equal(1, Stack.Faults.ReachedCommit(jobId));
        Assert.Equal(chunksBefore, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM document_chunks"));
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM inbox_messages"));
    }

    [Fact]
    public async Task The_same_command_running_in_two_workers_at_once_commits_once()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(30));
        await alice.WaitForJobAsync(await alice.SubmitJobAsync("process-document", new { documentId }));

        // Hold every attempt's transaction open so the two deliveries overlap in the inbox.
        Stack.Faults.DelayBeforeCommit(c => c is GenerateTrainingData g && g.DocumentIds.Contains(documentId), TimeSpan.FromMilliseconds(800));
        using var secondWorker = await WorkerHost.StartAsync(Stack.Faults, Stack.Consumed);
        try
        {
            var jobId = await alice.SubmitJobAsync("generate-training-data", new { documentIds = new[] { documentId } });
            await SendAsync(JobQueues.GenerateTrainingData, new GenerateTrainingData(jobId, "alice", [documentId], "completion", null, 0.1));
            await Stack.Consumed.WaitForAsync(jobId, deliveries: 2);

            var job = await alice.GetAsync($"/v1/jobs/{jobId}");
            Assert.Equal("succeeded", job.GetProperty("status").GetString());
            Assert.Equal(2, job.GetProperty("attempts").GetInt32());
            Assert.Equal(1, Stack.Faults.ReachedCommit(jobId));
            Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM datasets WHERE job_id = $1", jobId));
            Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE job_id = $1", jobId));
        }
        finally
        {
            await secondWorker.StopAsync();
        }
    }

    [Fact]
    public async Task A_duplicate_training_command_stands_aside_while_the_first_holds_the_lease()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(120));
        await alice.WaitForJobAsync(await alice.SubmitJobAsync("process-document", new { documentId, chunkSize = 300 }));
        var generated = await alice.WaitForJobAsync(await alice.SubmitJobAsync("generate-training-data", new { documentIds = new[] { documentId } }));
        var datasetId = generated.GetProperty("result").GetProperty("datasetId").GetGuid();

        var jobId = await alice.SubmitJobAsync("start-training", new { datasetId, epochs = 3 });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await alice.GetAsync($"/v1/jobs/{jobId}")).GetProperty("status").GetString() != "running")
        {
            Assert.True(DateTime.UtcNow < deadline, "training never started");
            await Task.Delay(50);
        }

        await SendAsync(JobQueues.StartTraining, new StartTraining(jobId, "alice", datasetId, null, 3));
        var job = await alice.WaitForJobAsync(jobId, TimeSpan.FromSeconds(90));
        await Stack.Consumed.WaitForAsync(jobId, deliveries: 2);

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(1, (await alice.GetAsync($"/v1/jobs/{jobId}")).GetProperty("attempts").GetInt32());
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM training_runs WHERE job_id = $1", jobId));
    }

    [Fact]
    public async Task A_crash_before_commit_rolls_back_and_the_retry_commits_once()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(50));
        Stack.Faults.FailBeforeCommit(c => c is ProcessDocument p && p.DocumentId == documentId, times: 1);

        var jobId = await alice.SubmitJobAsync("process-document", new { documentId, chunkSize = 250, chunkOverlap = 20 });
        var job = await alice.WaitForJobAsync(jobId);

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(2, job.GetProperty("attempts").GetInt32());
        Assert.Equal(2, Stack.Faults.ReachedCommit(jobId));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, job.GetProperty("error").ValueKind);
        var chunkCount = job.GetProperty("result").GetProperty("chunkCount").GetInt32();
        Assert.Equal(chunkCount, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM document_chunks WHERE document_id = $1", documentId));
        Assert.Equal(chunkCount, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM document_chunks WHERE job_id = $1", jobId));
    }

    [Fact]
    public async Task A_job_that_keeps_failing_ends_failed_with_its_error_and_no_effects()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(20));
        Stack.Faults.FailBeforeCommit(c => c is ProcessDocument p && p.DocumentId == documentId, times: 100);

        var jobId = await alice.SubmitJobAsync("process-document", new { documentId });
        var job = await alice.WaitForJobAsync(jobId);

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal(3, job.GetProperty("attempts").GetInt32()); // the first try and RetryLimit (2) retries
        Assert.Equal("unexpected-error", job.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("Injected failure", job.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM document_chunks"));
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM inbox_messages"));

        // A failed job is never silently re-run by a redelivery.
        await SendAsync(JobQueues.ProcessDocument, new ProcessDocument(jobId, "alice", documentId, 1000, 100));
        await Stack.Consumed.WaitForAsync(jobId, deliveries: 2);
        Assert.Equal("failed", (await alice.GetAsync($"/v1/jobs/{jobId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_command_for_a_job_that_does_not_exist_does_not_block_the_queue()
    {
        var alice = As("alice");
        var poisonJob = Guid.NewGuid();
        await SendAsync(JobQueues.ProcessDocument, new ProcessDocument(poisonJob, "alice", Guid.NewGuid(), 1000, 100));

        var documentId = await alice.CreateDocumentAsync(TestText.Prose(10));
        var jobId = await alice.SubmitJobAsync("process-document", new { documentId });

        Assert.Equal("succeeded", (await alice.WaitForJobAsync(jobId)).GetProperty("status").GetString());
        await Stack.Consumed.WaitForAsync(poisonJob, deliveries: 1);
        Assert.Equal(1, Stack.Consumed.Faulted(poisonJob)); // permanent: not retried, moved to the error queue
    }

    private async Task SendAsync<T>(string queue, T command) where T : class
    {
        var bus = Stack.Api.Services.GetRequiredService<IBus>();
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{queue}"));
        await endpoint.Send(command);
    }
}
