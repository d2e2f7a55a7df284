namespace Intake.Bench.Baseline;

/// <summary>One pgbench transaction: when it completed, how long it took, and which of the run's scripts (-f, from 0) it ran.</summary>
public sealed record PgbenchEntry(long CompletedMicros, long LatencyMicros, int Script);
