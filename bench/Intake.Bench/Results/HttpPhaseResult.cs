namespace Intake.Bench.Results;

/// <summary>Scenarios 1–5 and their pgbench baselines, measured interleaved in one run.</summary>
public sealed record HttpPhaseResult(
    IReadOnlyList<LoadRun> Runs,
    IReadOnlyList<BurstRun> Bursts,
    IReadOnlyList<RelayLag> RelayLags,
    IReadOnlyList<RowSize> RowSizes,
    IReadOnlyList<string> BaselineScripts);
