namespace Intake.Bench.Load;

/// <summary>One request kind of an interleaved closed-loop run: its latencies and its errors.</summary>
public sealed record ClassMeasurement(LatencyRecorder Latency, ErrorTally Errors);
