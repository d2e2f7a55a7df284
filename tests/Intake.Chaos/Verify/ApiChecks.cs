using System.Text.Json;
using Intake.Chaos.Http;
using Intake.Chaos.Load;

namespace Intake.Chaos.Verify;

/// <summary>
/// The API tells the same story: every accepted key resolves (GET /v1/jobs/by-key) to its job,
/// succeeded; every keyless job by id; and a sample of documents shows the chunk count the database has.
/// </summary>
public static class ApiChecks
{
    private const int DocumentSample = 100;

    public static async Task<CheckResult> RunAsync(
        ChaosHttp http, Ledger ledger, DbSnapshot db, IReadOnlyDictionary<string, ChaosUser> users, CancellationToken cancellationToken)
    {
        var violations = new Violations("the API agrees: every key resolves to its job, succeeded", CheckKind.Other);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(ledger.Jobs, parallel, async (job, ct) =>
        {
            var path = job.Key is null ? $"/v1/jobs/{job.JobId}" : $"/v1/jobs/by-key/{job.Key}";
            var answer = await http.SendUntilDefinitiveAsync(HttpMethod.Get, path, users[job.UserId], null, null, "verify", ct);
            var seen = answer.Status == 200 ? JobSnapshot.Parse(answer.Body) : null;
            if (seen is null || seen.JobId != job.JobId || seen.Status != "succeeded")
            {
                violations.Add($"GET {path} ({job.UserId}): expected {job.JobId} succeeded, got {answer.Describe()}");
            }
        });

        var sample = db.Documents.Where(d => d.ProcessedByJobId is not null).Take(DocumentSample).ToList();
        await Parallel.ForEachAsync(sample, parallel, async (document, ct) =>
        {
            var path = $"/v1/documents/{document.Id}/chunks";
            var answer = await http.SendUntilDefinitiveAsync(HttpMethod.Get, path, users[document.UserId], null, null, "verify", ct);
            if (answer.Status != 200 || ChunkCount(answer.Body) != document.Chunks)
            {
                violations.Add($"GET {path}: expected {document.Chunks} chunks, got {answer.Describe()}");
            }
        });

        return violations.Result($"{ledger.Jobs.Count} jobs and {sample.Count} documents read back");
    }

    private static long? ChunkCount(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("chunks", out var chunks) && chunks.ValueKind == JsonValueKind.Array
                ? chunks.GetArrayLength()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
