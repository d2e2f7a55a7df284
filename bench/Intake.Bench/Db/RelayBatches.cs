namespace Intake.Bench.Db;

/// <summary>How a set of outbox rows was sent: rows, distinct sent_at values (one per relay batch), first/last send.</summary>
public sealed record RelayBatches(long Rows, long Unsent, int Batches, long FirstBatchRows, DateTimeOffset? FirstSentAt, DateTimeOffset? LastSentAt);
