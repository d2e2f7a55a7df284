namespace Intake.Bench.Cpu;

/// <summary>Cumulative CPU of one process (user + system, in clock ticks) and what it is.</summary>
public readonly record struct ProcTicks(string Category, long Ticks);
