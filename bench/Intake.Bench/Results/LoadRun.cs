namespace Intake.Bench.Results;

/// <summary>One closed-loop run of a scenario (or of its pgbench baseline) at one concurrency.</summary>
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
    CpuUsage? Cpu)
{
    public const string App = "app";
    public const string Baseline = "baseline";
}
