using Intake.IntegrationTests.Infrastructure;
using Intake.Persistence.Entities;

namespace Intake.IntegrationTests.Security;

/// <summary>
/// One row in every user-owned table for a user, written as the owner (whom row-level security
/// does not bind): a document with a chunk, two jobs (the first with a checkpoint), a dataset with
/// an example, a training run, a key and an inbox row.
/// </summary>
public sealed record RowLevelSecuritySeed(string UserId, Guid DocumentId, Guid DatasetId, Guid JobId, Guid SecondJobId, Guid TrainingRunId)
{
    /// <summary>Rows per table for one user.</summary>
    public static readonly IReadOnlyDictionary<string, long> RowsPerUser = new Dictionary<string, long>
    {
        ["jobs"] = 2,
        ["job_checkpoints"] = 1,
        ["idempotency_keys"] = 1,
        ["inbox_messages"] = 1,
        ["documents"] = 1,
        ["document_chunks"] = 1,
        ["datasets"] = 1,
        ["dataset_examples"] = 1,
        ["training_runs"] = 1,
    };

    public static async Task<RowLevelSecuritySeed> WriteAsync(IntakeStackFixture stack, string userId)
    {
        var seed = new RowLevelSecuritySeed(
            userId, Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var now = DateTimeOffset.UtcNow;
        await using var scope = stack.CreateScope(out var db);
        db.Documents.Add(new Document
        {
            Id = seed.DocumentId, UserId = userId, Name = "a.txt", ContentType = "text/plain", Content = [1, 2, 3],
            SizeBytes = 3, Sha256 = new string('0', 64), CreatedAt = now,
        });
        db.DocumentChunks.Add(new DocumentChunk { DocumentId = seed.DocumentId, Ordinal = 0, JobId = seed.JobId, Content = "chunk" });
        foreach (var jobId in new[] { seed.JobId, seed.SecondJobId })
        {
            db.Jobs.Add(new Job { Id = jobId, UserId = userId, Type = JobTypes.ProcessDocument, Request = "{}", CreatedAt = now });
        }

        db.JobCheckpoints.Add(new JobCheckpoint { JobId = seed.JobId, Step = 1, State = [4, 5], UpdatedAt = now });
        db.Datasets.Add(new Dataset { Id = seed.DatasetId, UserId = userId, JobId = Guid.CreateVersion7(), Format = "completion", CreatedAt = now });
        db.DatasetExamples.Add(new DatasetExample { DatasetId = seed.DatasetId, Ordinal = 0, Split = "train", Content = "{}" });
        db.TrainingRuns.Add(new TrainingRun
        {
            Id = seed.TrainingRunId, UserId = userId, JobId = Guid.CreateVersion7(), DatasetId = seed.DatasetId,
            BaseModel = "char-mlp", Status = "trained", Plan = "{}", CreatedAt = now,
        });
        db.IdempotencyKeys.Add(new IdempotencyRecord
        {
            UserId = userId, Key = "seed-key", Fingerprint = new string('0', 64), RequestMethod = "POST", RequestPath = "/v1/documents",
            ResourceType = "document", ResourceId = seed.DocumentId, ResponseStatus = 201, ResponseBody = [], CreatedAt = now,
            ExpiresAt = now.AddHours(1),
        });
        db.InboxMessages.Add(new InboxMessage { UserId = userId, JobId = seed.JobId, Consumer = "ProcessDocument", ProcessedAt = now });
        await db.SaveChangesAsync();
        return seed;
    }

    /// <summary>A condition selecting this user's rows of <paramref name="table"/>, written by the owner.</summary>
    public string OwnRows(string table) => table switch
    {
        "document_chunks" => $"document_id = '{DocumentId}'",
        "dataset_examples" => $"dataset_id = '{DatasetId}'",
        "job_checkpoints" => $"job_id IN ('{JobId}', '{SecondJobId}')",
        _ => $"user_id = '{UserId}'",
    };

    /// <summary>
    /// What to change in a copy of one of this user's rows so it collides with no key: inserting
    /// it can then fail only on row-level security.
    /// </summary>
    public string FreshKeys(string table) => table switch
    {
        "documents" => $$"""{"id": "{{Guid.CreateVersion7()}}"}""",
        "document_chunks" => """{"ordinal": 999}""",
        "datasets" => $$"""{"id": "{{Guid.CreateVersion7()}}", "job_id": "{{Guid.CreateVersion7()}}"}""",
        "dataset_examples" => """{"ordinal": 999}""",
        "jobs" => $$"""{"id": "{{Guid.CreateVersion7()}}", "idempotency_key": null}""",
        "job_checkpoints" => $$"""{"job_id": "{{SecondJobId}}"}""",
        "training_runs" => $$"""{"id": "{{Guid.CreateVersion7()}}", "job_id": "{{Guid.CreateVersion7()}}"}""",
        "idempotency_keys" => """{"key": "another-key"}""",
        "inbox_messages" => """{"consumer": "AnotherConsumer"}""",
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "not a user-owned table"),
    };
}
