using System.Net;
using Intake.Contracts;
using Intake.IntegrationTests.Infrastructure;

namespace Intake.IntegrationTests.Jobs;

public sealed class JobActionsTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task A_failed_job_can_be_retried_once_under_a_key_and_then_succeeds()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(20));
        Stack.Faults.FailBeforeCommit(c => c is ProcessDocument p && p.DocumentId == documentId, times: 3);
        var jobId = await alice.SubmitJobAsync("process-document", new { documentId });
        Assert.Equal("failed", (await alice.WaitForJobAsync(jobId)).GetProperty("status").GetString());

        using var first = await alice.PostAsync($"/v1/jobs/{jobId}/retry", "{}", key: "retry-1");
        using var replay = await alice.PostAsync($"/v1/jobs/{jobId}/retry", "{}", key: "retry-1");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());

        var job = await alice.WaitForJobAsync(jobId);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(4, job.GetProperty("attempts").GetInt32());
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM inbox_messages"));
        Assert.Equal(2, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE job_id = $1", jobId));

        using var again = await alice.PostAsync($"/v1/jobs/{jobId}/retry", "");
        await ApiClient.ExpectProblemAsync(again, HttpStatusCode.Conflict, "job-not-retryable");
    }

    [Fact]
    public async Task Retrying_another_users_or_an_unknown_job_is_404()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(5));
        var jobId = await alice.SubmitJobAsync("process-document", new { documentId });

        using var other = await As("mallory").PostAsync($"/v1/jobs/{jobId}/retry", "");
        using var unknown = await alice.PostAsync($"/v1/jobs/{Guid.NewGuid()}/retry", "");

        await ApiClient.ExpectProblemAsync(other, HttpStatusCode.NotFound, "not-found");
        await ApiClient.ExpectProblemAsync(unknown, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_running_job_cancelled_before_it_commits_ends_cancelled_without_effects()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(20));
        Stack.Faults.DelayBeforeCommit(c => c is ProcessDocument p && p.DocumentId == documentId, TimeSpan.FromSeconds(1.5));
        var jobId = await alice.SubmitJobAsync("process-document", new { documentId });
        await WaitForStatusAsync(alice, jobId, "running");

        using var cancel = await alice.PostAsync($"/v1/jobs/{jobId}/cancel", "");
        var view = await ApiClient.ExpectAsync(cancel, HttpStatusCode.OK);
        Assert.True(view.GetProperty("cancelRequested").GetBoolean());

        await WaitForStatusAsync(alice, jobId, "cancelled");
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM document_chunks"));
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM inbox_messages"));

        using var afterwards = await alice.PostAsync($"/v1/jobs/{jobId}/cancel", "");
        Assert.Equal("cancelled", (await ApiClient.ExpectAsync(afterwards, HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_succeeded_job_cannot_be_cancelled()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(5));
        var jobId = await alice.SubmitJobAsync("process-document", new { documentId });
        await alice.WaitForJobAsync(jobId);

        using var cancel = await alice.PostAsync($"/v1/jobs/{jobId}/cancel", "");
        await ApiClient.ExpectProblemAsync(cancel, HttpStatusCode.Conflict, "job-not-cancellable");
    }

    [Fact]
    public async Task A_queued_job_cancelled_never_runs()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(5));
        await Stack.StopWorkerAsync();
        Guid jobId;
        try
        {
            jobId = await alice.SubmitJobAsync("process-document", new { documentId });
            using var cancel = await alice.PostAsync($"/v1/jobs/{jobId}/cancel", "");
            Assert.Equal("cancelled", (await ApiClient.ExpectAsync(cancel, HttpStatusCode.OK)).GetProperty("status").GetString());
        }
        finally
        {
            await Stack.RestartWorkerAsync();
        }

        await Stack.Consumed.WaitForAsync(jobId, deliveries: 1);
        var job = await alice.GetAsync($"/v1/jobs/{jobId}");
        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        Assert.Equal(0, job.GetProperty("attempts").GetInt32());
    }

    private static async Task WaitForStatusAsync(ApiClient client, Guid jobId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await client.GetAsync($"/v1/jobs/{jobId}")).GetProperty("status").GetString() != status)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId} never became {status}.");
            }

            await Task.Delay(50);
        }
    }
}
