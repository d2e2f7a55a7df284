using System.Collections.Concurrent;

namespace Intake.Chaos.Faults;

/// <summary>Every fault injected, when it ended, and the evidence gathered at the time.</summary>
public sealed class FaultLog(RunClock clock)
{
    private readonly Lock _gate = new();
    private TimeSpan _lastFaultEnd;
    private int _servicesDown;
    private TimeSpan _lastServiceRecovery;

    public ConcurrentQueue<FaultEvent> Events { get; } = new();

    public ConcurrentDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    /// <summary>Measurements taken along the way (how long the broker was down, how many outbox rows a crash left unsent).</summary>
    public ConcurrentQueue<(string Kind, double Value)> Measurements { get; } = new();

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

    public TimeSpan Now => clock.Elapsed;

    /// <summary>Since when the broker and the database have both been up; null while one of them is down.</summary>
    public TimeSpan? ServicesHealthySince
    {
        get
        {
            lock (_gate)
            {
                return _servicesDown > 0 ? null : _lastServiceRecovery;
            }
        }
    }

    public int Count(string kind) => Counts.GetValueOrDefault(kind);

    /// <summary>The broker or the database is being taken down (from the moment the command is issued).</summary>
    public void ServiceDown()
    {
        lock (_gate)
        {
            _servicesDown++;
        }
    }

    public void ServiceUp()
    {
        lock (_gate)
        {
            _servicesDown--;
            _lastServiceRecovery = clock.Elapsed;
        }
    }

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

    public void Measure(string kind, double value) => Measurements.Enqueue((kind, value));

    public IEnumerable<double> Measured(string kind) => Measurements.Where(m => m.Kind == kind).Select(m => m.Value);

    public void Problem(string message)
    {
        Problems.Enqueue(message);
        clock.Log($"PROBLEM: {message}");
    }
}
