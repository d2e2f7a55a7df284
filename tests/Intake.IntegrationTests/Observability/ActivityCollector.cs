using System.Collections.Concurrent;
using System.Diagnostics;

namespace Intake.IntegrationTests.Observability;

/// <summary>Records every finished span of our and MassTransit's sources in this process (API and worker alike).</summary>
public sealed class ActivityCollector : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public ActivityCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Intake" or "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Stopped => [.. _stopped];

    /// <summary>Waits for a finished span that matches; fails the test if none appears in time.</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_stopped.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                var seen = string.Join(", ", _stopped.Select(a => $"{a.Source.Name}:{a.OperationName}({a.TraceId})"));
                throw new TimeoutException($"No span {what} within 30 s; seen: {seen}");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose() => _listener.Dispose();
}
