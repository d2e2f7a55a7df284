namespace Intake.Bench.Cpu;

/// <summary>
/// Cumulative CPU of one process (user + system, in clock ticks), the time its threads spent
/// runnable but waiting for a core (nanoseconds, summed over the live threads), and what it is.
/// </summary>
public readonly record struct ProcTicks(string Category, long Ticks, long RunQueueNanoseconds);
