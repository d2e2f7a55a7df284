using Intake.Bench.Results;

namespace Intake.Bench.Load;

/// <summary>What a closed-loop run measured in its window (after the warm-up), overall and per interleaved request kind.</summary>
public sealed record LoadMeasurement(
    int Concurrency,
    double Seconds,
    long Completed,
    LatencyRecorder Latency,
    ErrorTally Errors,
    CpuUsage? Cpu,
    IReadOnlyList<ClassMeasurement> ByClass)
{
    public double Throughput => Seconds > 0 ? Completed / Seconds : 0;

    public LoadRun ToRun(string scenario, string kind, string target) => new(
        scenario, kind, target, Concurrency, Seconds, Completed, Throughput, Latency.Summarize(),
        Errors.Total, Errors.Counts, Errors.Samples, Cpu);

    /// <summary>One interleaved request kind alone: its own throughput, latency and errors (CPU cannot be split between kinds).</summary>
    public LoadRun ToRunOfClass(int requestClass, string scenario, string kind, string target)
    {
        var (latency, errors) = ByClass[requestClass];
        return new(scenario, kind, target, Concurrency, Seconds, latency.Count, Seconds > 0 ? latency.Count / Seconds : 0,
            latency.Summarize(), errors.Total, errors.Counts, errors.Samples, null);
    }
}
