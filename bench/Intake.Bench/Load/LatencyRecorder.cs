using System.Diagnostics;
using HdrHistogram;
using Intake.Bench.Results;

namespace Intake.Bench.Load;

/// <summary>Latencies in microseconds, 3 significant digits, up to two minutes. Not thread-safe: one per client, merged.</summary>
public sealed class LatencyRecorder
{
    private const long MaxMicros = 120_000_000;

    private static readonly double[] CurvePercentiles =
        [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 97.5, 99, 99.5, 99.75, 99.9, 99.95, 99.99, 100];

    private readonly LongHistogram _histogram = new(MaxMicros, 3);

    public long Count => _histogram.TotalCount;

    public void RecordElapsed(long startTimestamp, long endTimestamp) =>
        RecordMicros((endTimestamp - startTimestamp) * 1_000_000 / Stopwatch.Frequency);

    public void RecordMicros(long micros) => _histogram.RecordValue(Math.Clamp(micros, 1, MaxMicros));

    public void RecordMilliseconds(double milliseconds) => RecordMicros((long)Math.Round(milliseconds * 1000));

    public void Add(LatencyRecorder other) => _histogram.Add(other._histogram);

    public static LatencyRecorder Merge(IEnumerable<LatencyRecorder> recorders)
    {
        var merged = new LatencyRecorder();
        foreach (var recorder in recorders)
        {
            merged.Add(recorder);
        }

        return merged;
    }

    public LatencyStats Summarize()
    {
        if (_histogram.TotalCount == 0)
        {
            return LatencyStats.Empty;
        }

        return new LatencyStats(
            _histogram.TotalCount,
            _histogram.GetMean() / 1000,
            Ms(50),
            Ms(95),
            Ms(99),
            _histogram.GetMaxValue() / 1000.0,
            CurvePercentiles.Select(p => new PercentilePoint(p, Ms(p))).ToList());
    }

    private double Ms(double percentile) => _histogram.GetValueAtPercentile(percentile) / 1000.0;
}
