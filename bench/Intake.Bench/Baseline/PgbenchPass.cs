using Intake.Bench.Results;

namespace Intake.Bench.Baseline;

/// <summary>What one pgbench process left: its transactions, the scripts of its failed ones, how it exited, and the CPU over its measured window.</summary>
internal sealed record PgbenchPass(List<PgbenchEntry> Entries, List<int> FailedScripts, string? ExitError, string Output, CpuUsage? Usage);
