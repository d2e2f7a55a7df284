namespace Intake.Bench.Results;

/// <summary>A latency distribution summarised from an HdrHistogram (milliseconds).</summary>
public sealed record LatencyStats(
    long Count,
    double MeanMs,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    IReadOnlyList<PercentilePoint> Curve)
{
    public static LatencyStats Empty { get; } = new(0, 0, 0, 0, 0, 0, []);
}
