namespace Intake.Bench.Results;

/// <summary>A value over time (seconds since the start of a measurement).</summary>
public sealed record TimelinePoint(double Seconds, double Value);
