using Intake.Bench.Results;

namespace Intake.Bench.Load;

/// <summary>What a closed-loop run measured in its window (after the warm-up).</summary>
public sealed record LoadMeasurement(
    int Concurrency,
    double Seconds,
    long Completed,
    LatencyRecorder Latency,
    ErrorTally Errors,
    CpuUsage? Cpu)
{
    public double Throughput => Seconds > 0 ? Completed / Seconds : 0;

    public LoadRun ToRun(string scenario, string kind, string target) => new(
        scenario, kind, target, Concurrency, Seconds, Completed, Throughput, Latency.Summarize(),
        Errors.Total, Errors.Counts, Errors.Samples, Cpu);
}
