namespace Intake.Bench.Baseline;

/// <summary>A pgbench script file and the protocol (-M) to run it with.</summary>
public sealed record BaselineScript(string Name, string Path, string Protocol, string Description);
