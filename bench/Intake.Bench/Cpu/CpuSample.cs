namespace Intake.Bench.Cpu;

/// <summary>A snapshot of /proc: machine-wide busy ticks and the ticks of every process we classify.</summary>
public sealed record CpuSample(
    long Timestamp,
    long MachineBusyTicks,
    IReadOnlyDictionary<(int Pid, long StartTime), ProcTicks> Processes);
