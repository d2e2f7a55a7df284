using System.Collections.Concurrent;

namespace Intake.Chaos.Faults;

/// <summary>Every fault injected, when it ended, and the evidence gathered at the time.</summary>
public sealed class FaultLog(RunClock clock)
{
    private readonly Lock _gate = new();
    private TimeSpan _lastFaultEnd;

    public ConcurrentQueue<FaultEvent> Events { get; } = new();

    public ConcurrentDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    /// <summary>Failures of the suite itself (a fault that could not be injected), not of the system.</summary>
    public ConcurrentQueue<string> Problems { get; } = new();

    public TimeSpan LastFaultEnd
    {
        get
        {
            lock (_gate)
            {
                return _lastFaultEnd;
            }
        }
    }

    public int Count(string kind) => Counts.GetValueOrDefault(kind);

    public void Record(string kind, string detail)
    {
        Counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
        Events.Enqueue(new FaultEvent(clock.Elapsed, kind, detail));
        clock.Log($"fault: {kind}: {detail}");
    }

    /// <summary>The system is whole again after a fault (the process restarted, the service is back).</summary>
    public void Ended(string what)
    {
        lock (_gate)
        {
            _lastFaultEnd = clock.Elapsed;
        }

        clock.Log($"recovered: {what}");
    }

    public void Problem(string message)
    {
        Problems.Enqueue(message);
        clock.Log($"PROBLEM: {message}");
    }
}
