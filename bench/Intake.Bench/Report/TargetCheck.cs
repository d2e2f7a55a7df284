namespace Intake.Bench.Report;

/// <summary>One target of issue 6 and what this run measured against it.</summary>
public sealed record TargetCheck(string Target, string Measured, bool? Met);
