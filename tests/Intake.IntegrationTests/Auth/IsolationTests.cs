using System.Net;
using Intake.IntegrationTests.Infrastructure;

namespace Intake.IntegrationTests.Auth;

public sealed class IsolationTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task The_same_key_from_two_users_makes_two_jobs()
    {
        var alice = As("alice");
        var bob = As("bob");
        var aliceDoc = await alice.CreateDocumentAsync("alice's text", key: "shared-key");
        var bobDoc = await bob.CreateDocumentAsync("bob's text", key: "shared-key");

        Assert.NotEqual(aliceDoc, bobDoc);
        var aliceJob = await alice.SubmitJobAsync("process-document", new { documentId = aliceDoc }, key: "shared-job-key");
        var bobJob = await bob.SubmitJobAsync("process-document", new { documentId = bobDoc }, key: "shared-job-key");

        Assert.NotEqual(aliceJob, bobJob);
        Assert.Equal(aliceJob, (await alice.GetAsync("/v1/jobs/by-key/shared-job-key")).GetProperty("jobId").GetGuid());
        Assert.Equal(bobJob, (await bob.GetAsync("/v1/jobs/by-key/shared-job-key")).GetProperty("jobId").GetGuid());
    }

    [Fact]
    public async Task Another_users_job_key_document_and_dataset_are_404()
    {
        var alice = As("alice");
        var mallory = As("mallory");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(20));
        var jobId = await alice.SubmitJobAsync("process-document", new { documentId }, key: "alice-only");
        await alice.WaitForJobAsync(jobId);
        var generate = await alice.SubmitJobAsync("generate-training-data", new { documentIds = new[] { documentId } });
        var datasetId = (await alice.WaitForJobAsync(generate)).GetProperty("result").GetProperty("datasetId").GetGuid();

        foreach (var path in new[]
        {
            $"/v1/jobs/{jobId}", "/v1/jobs/by-key/alice-only", $"/v1/documents/{documentId}",
            $"/v1/documents/{documentId}/chunks", $"/v1/datasets/{datasetId}", $"/v1/datasets/{datasetId}/examples",
        })
        {
            using var response = await mallory.Http.GetAsync(path);
            await ApiClient.ExpectProblemAsync(response, HttpStatusCode.NotFound, "not-found");
        }

        Assert.Empty((await mallory.GetAsync("/v1/jobs")).GetProperty("items").EnumerateArray());

        // Referencing another user's document in a submission is as if it did not exist.
        using var submit = await mallory.PostAsync("/v1/jobs/process-document", $$"""{"documentId":"{{documentId}}"}""");
        await ApiClient.ExpectProblemAsync(submit, HttpStatusCode.UnprocessableEntity, "document-not-found");
    }
}
