using Intake.IntegrationTests.Infrastructure;

namespace Intake.IntegrationTests.Security;

/// <summary>One of each resource a /v1 route can name, all owned by one user, keyed by route parameter name.</summary>
public static class AliceResources
{
    public const string JobKey = "alice-process-key";

    public static async Task<IReadOnlyDictionary<string, string>> CreateAsync(ApiClient alice)
    {
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(60));
        var jobId = await alice.SubmitJobAsync("process-document", new { documentId, chunkSize = 300, chunkOverlap = 0 }, key: JobKey);
        await alice.WaitForJobAsync(jobId);
        var generated = await alice.WaitForJobAsync(await alice.SubmitJobAsync("generate-training-data", new { documentIds = new[] { documentId } }));
        var datasetId = generated.GetProperty("result").GetProperty("datasetId").GetGuid();
        var trained = await alice.WaitForJobAsync(await alice.SubmitJobAsync("start-training", new { datasetId, epochs = 1 }), TimeSpan.FromSeconds(120));
        var trainingRunId = trained.GetProperty("result").GetProperty("trainingRunId").GetGuid();

        return new Dictionary<string, string>
        {
            ["documentId"] = documentId.ToString(),
            ["jobId"] = jobId.ToString(),
            ["datasetId"] = datasetId.ToString(),
            ["trainingRunId"] = trainingRunId.ToString(),
            ["idempotencyKey"] = JobKey,
            ["key"] = JobKey,
        };
    }
}
