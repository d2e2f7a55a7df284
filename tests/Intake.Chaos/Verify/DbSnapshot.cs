using Intake.Chaos.Stack;

namespace Intake.Chaos.Verify;

/// <summary>Everything the verification reads from the database, read once after the drain.</summary>
public sealed record DbSnapshot(
    IReadOnlyList<JobRow> Jobs,
    IReadOnlyList<DocumentRow> Documents,
    IReadOnlyList<DatasetRow> Datasets,
    IReadOnlyList<EffectRow> TrainingRuns,
    IReadOnlyList<KeyRow> Keys,
    IReadOnlyDictionary<Guid, long> InboxRows,
    IReadOnlyDictionary<Guid, OutboxCount> Outbox,
    long UnsentOutbox,
    long OutboxRows)
{
    public static async Task<DbSnapshot> LoadAsync(ChaosDb db, CancellationToken cancellationToken)
    {
        var jobs = (await db.RowsAsync(
                "SELECT id, user_id, idempotency_key, type, status, attempts, error_code, result::text FROM jobs", cancellationToken))
            .Select(r => new JobRow((Guid)r[0]!, (string)r[1]!, (string?)r[2], (string)r[3]!, (string)r[4]!, (int)r[5]!, (string?)r[6], (string?)r[7]))
            .ToList();
        var documents = (await db.RowsAsync(
                """
                SELECT d.id, d.user_id, d.chunk_count, d.processed_by_job_id,
                       count(c.ordinal), count(DISTINCT c.job_id), min(c.ordinal), max(c.ordinal),
                       count(c.ordinal) FILTER (WHERE c.job_id IS DISTINCT FROM d.processed_by_job_id)
                FROM documents d LEFT JOIN document_chunks c ON c.document_id = d.id
                GROUP BY d.id
                """, cancellationToken))
            .Select(r => new DocumentRow((Guid)r[0]!, (string)r[1]!, (int?)r[2], (Guid?)r[3], (long)r[4]!, (long)r[5]!, (int?)r[6], (int?)r[7], (long)r[8]!))
            .ToList();
        var datasets = (await db.RowsAsync(
                "SELECT ds.id, ds.job_id, ds.example_count, (SELECT count(*) FROM dataset_examples e WHERE e.dataset_id = ds.id) FROM datasets ds",
                cancellationToken))
            .Select(r => new DatasetRow((Guid)r[0]!, (Guid)r[1]!, (int)r[2]!, (long)r[3]!))
            .ToList();
        var runs = (await db.RowsAsync("SELECT id, job_id FROM training_runs", cancellationToken))
            .Select(r => new EffectRow((Guid)r[0]!, (Guid)r[1]!))
            .ToList();
        var keys = (await db.RowsAsync("SELECT user_id, key, resource_type, resource_id FROM idempotency_keys", cancellationToken))
            .Select(r => new KeyRow((string)r[0]!, (string)r[1]!, (string)r[2]!, (Guid)r[3]!))
            .ToList();
        var inbox = (await db.RowsAsync("SELECT job_id, count(*) FROM inbox_messages GROUP BY job_id", cancellationToken))
            .ToDictionary(r => (Guid)r[0]!, r => (long)r[1]!);
        var outbox = (await db.RowsAsync(
                "SELECT job_id, count(*), count(sent_at) FROM outbox_messages WHERE job_id IS NOT NULL GROUP BY job_id", cancellationToken))
            .ToDictionary(r => (Guid)r[0]!, r => new OutboxCount((long)r[1]!, (long)r[2]!));
        var unsent = await db.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", cancellationToken);
        var outboxRows = await db.ScalarAsync("SELECT count(*) FROM outbox_messages", cancellationToken);
        return new DbSnapshot(jobs, documents, datasets, runs, keys, inbox, outbox, unsent, outboxRows);
    }
}
