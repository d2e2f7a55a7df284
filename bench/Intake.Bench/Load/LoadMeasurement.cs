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
    IReadOnlyList<LatencyRecorder> ByClass)
{
    public double Throughput => Seconds > 0 ? Completed / Seconds : 0;

    public LoadRun ToRun(string scenario, string kind, string target) => new(
        scenario, kind, target, Concurrency, Seconds, Completed, Throughput, Latency.Summarize(),
        Errors.Total, Errors.Counts, Errors.Samples, Cpu);

    /// <summary>One interleaved kind alone: its own throughput and latency. Errors belong to the whole run, so they go with kind 0; CPU cannot be split between kinds.</summary>
    public LoadRun ToRunOfClass(int kind, string scenario, string runKind, string target)
    {
        var latency = ByClass[kind];
        var errors = kind == 0 ? Errors : new ErrorTally();
        return new(scenario, runKind, target, Concurrency, Seconds, latency.Count, Seconds > 0 ? latency.Count / Seconds : 0,
            latency.Summarize(), errors.Total, errors.Counts, errors.Samples, null);
    }
}
