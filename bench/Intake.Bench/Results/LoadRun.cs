namespace Intake.Bench.Results;

/// <summary>
/// One closed-loop run of a scenario (or of its pgbench baseline) at one concurrency. A baseline
/// that brackets its app run (once before, once after) is one LoadRun over both windows, with
/// <see cref="BaselineSplit"/> set.
/// </summary>
public sealed record LoadRun(
    string Scenario,
    string Kind,
    string Target,
    int Concurrency,
    double Seconds,
    long Completed,
    double Throughput,
    LatencyStats Latency,
    long ErrorCount,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyList<string> ErrorSamples,
    CpuUsage? Cpu,
    BaselineSplit? BaselineSplit = null)
{
    public const string App = "app";
    public const string Baseline = "baseline";
}
