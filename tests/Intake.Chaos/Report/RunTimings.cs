namespace Intake.Chaos.Report;

/// <summary>Points on the load's clock: the last fault recovered, the last submission done, the system drained.</summary>
public sealed record RunTimings(TimeSpan StackStartup, TimeSpan LastFaultEnd, TimeSpan LoadDone, TimeSpan? DrainedAt)
{
    /// <summary>From the recovery of the last fault until every job was terminal and every outbox row sent.</summary>
    public TimeSpan? DrainAfterLastFault => DrainedAt - LastFaultEnd;
}
