using Intake.Chaos.Cli;
using Intake.Chaos.Http;

namespace Intake.Chaos.Load;

/// <summary>
/// One logical submission: upload a document under a key, submit its processing job under a key
/// (two copies at once, then up to two more), and now and then submit it once more without a key,
/// reuse the key with another body (must be 422), or carry the document on to a dataset and training.
/// </summary>
public sealed class Scenario(
    ChaosHttp http, Ledger ledger, KeyedSubmitter submitter, Pipeline pipeline, IReadOnlyList<ChaosUser> users, ChaosOptions options, string tag)
{
    private static readonly int[] ChunkSizes = [300, 400, 600];

    public async Task RunAsync(int index, CancellationToken cancellationToken)
    {
        var random = new Random(HashCode.Combine(options.Seed, index));
        var user = users[index % users.Count];
        var content = DocumentText.Create(random, $"{tag}-{index}");
        var upload = new KeyedRequest(user, Bodies.Documents, $"{tag}-d{index}", Bodies.Document($"doc-{index}.txt", content), 201, "documentId", "upload");
        var documentId = await submitter.SubmitAsync(upload, concurrent: random.Next(1, 3), later: random.Next(5) == 0 ? 1 : 0, random, cancellationToken);
        if (documentId is not { } document)
        {
            return;
        }

        ledger.Documents.Add(new AcceptedDocument(user.Id, upload.Key, document));
        var chunkSize = ChunkSizes[random.Next(ChunkSizes.Length)];
        var process = new KeyedRequest(user, Bodies.ProcessDocument, $"{tag}-p{index}", Bodies.Process(document, chunkSize), 202, "jobId", "submit");
        var jobId = await submitter.SubmitAsync(process, concurrent: 2, later: random.Next(3), random, cancellationToken);
        if (jobId is { } job)
        {
            ledger.Jobs.Add(new AcceptedJob(user.Id, process.Key, job, "process-document"));
        }

        if (random.NextDouble() < options.KeylessFraction)
        {
            await SubmitKeylessAsync(user, process.Body, cancellationToken);
        }

        if (jobId is not null && random.NextDouble() < options.ReuseFraction)
        {
            await ReuseKeyAsync(process with { Body = Bodies.Process(document, chunkSize + 100), Category = "reuse" }, cancellationToken);
        }

        if (jobId is not null && random.NextDouble() < options.PipelineFraction)
        {
            await pipeline.RunAsync(user, index, process.Key, document, random, cancellationToken);
        }
    }

    /// <summary>
    /// No key: one attempt; a connection error or 5xx leaves the client not knowing whether a job was
    /// made. A 429 is the exception: the rate limiter answers before anything is written, so even a
    /// keyless client may send again after backing off.
    /// </summary>
    private async Task SubmitKeylessAsync(ChaosUser user, byte[] body, CancellationToken cancellationToken)
    {
        var answer = await http.SendOnceAsync(HttpMethod.Post, Bodies.ProcessDocument, user, null, body, "keyless", cancellationToken);
        for (var attempt = 1; answer.Status == 429; attempt++)
        {
            ledger.Tally.Add("keyless.throttled");
            await Task.Delay(Backoff.Delay(attempt), cancellationToken);
            answer = await http.SendOnceAsync(HttpMethod.Post, Bodies.ProcessDocument, user, null, body, "keyless", cancellationToken);
        }

        if (answer.Status == 202 && Guid.TryParse(answer.Property("jobId"), out var jobId))
        {
            ledger.Tally.Add("keyless.accepted");
            ledger.Jobs.Add(new AcceptedJob(user.Id, null, jobId, "process-document"));
        }
        else if (answer.IsTransportError || answer.Status >= 500)
        {
            ledger.Ambiguous(user.Id);
        }
        else
        {
            ledger.Violation("unexpected-answer", $"keyless POST {Bodies.ProcessDocument} user {user.Id}: {answer.Describe()}");
        }
    }

    private async Task ReuseKeyAsync(KeyedRequest changed, CancellationToken cancellationToken)
    {
        var answer = await http.SendUntilDefinitiveAsync(HttpMethod.Post, changed.Path, changed.User, changed.Key, changed.Body, changed.Category, cancellationToken);
        if (answer.Status == 422 && answer.Property("type")?.EndsWith("idempotency-key-reused", StringComparison.Ordinal) == true)
        {
            ledger.Tally.Add("reuse.rejected");
        }
        else
        {
            ledger.Violation("key-reuse-not-rejected", $"{changed.Describe()} with another body: {answer.Describe()}");
        }
    }
}
