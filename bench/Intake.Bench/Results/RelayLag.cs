namespace Intake.Bench.Results;

/// <summary>
/// Unsent outbox rows right after a submit run, how long the relay took to drain them, and how it
/// sent the run's rows: <see cref="Rows"/> in <see cref="Batches"/> relay batches (distinct
/// sent_at values), warm-up included.
/// </summary>
public sealed record RelayLag(string Scenario, int Concurrency, long UnsentAtEnd, double DrainSeconds, long Rows, long Batches);
