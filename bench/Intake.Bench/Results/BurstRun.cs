namespace Intake.Bench.Results;

/// <summary>
/// Bursts of N identical requests under one key, released together. Every burst must yield
/// exactly one job, the same 202 body N times, and N-1 replays.
/// </summary>
public sealed record BurstRun(
    int BurstSize,
    int Bursts,
    LatencyStats BurstLatency,
    LatencyStats RequestLatency,
    long Replays,
    long InFlightConflicts,
    int BurstsWithExactlyOneJob,
    int BurstsViolating,
    long ErrorCount,
    IReadOnlyList<string> ErrorSamples);
