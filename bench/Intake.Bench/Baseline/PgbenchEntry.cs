namespace Intake.Bench.Baseline;

/// <summary>One pgbench transaction: when it completed (µs since the epoch) and how long it took (µs).</summary>
public sealed record PgbenchEntry(long CompletedMicros, long LatencyMicros);
