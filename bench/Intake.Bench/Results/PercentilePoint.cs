namespace Intake.Bench.Results;

/// <summary>One point of a latency distribution: the value at a percentile.</summary>
public sealed record PercentilePoint(double Percentile, double ValueMs);
