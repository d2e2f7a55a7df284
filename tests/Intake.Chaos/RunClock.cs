using System.Diagnostics;

namespace Intake.Chaos;

/// <summary>Time since the load started; every fault and every report line is placed on it.</summary>
public sealed class RunClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public TimeSpan Elapsed => _watch.Elapsed;

    public void Restart() => _watch.Restart();

    public async Task WaitUntilAsync(TimeSpan at, CancellationToken cancellationToken)
    {
        var remaining = at - Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken);
        }
    }

    public void Log(string message) =>
        Console.WriteLine($"[chaos] {Elapsed.TotalSeconds,7:0.0}s {message}");
}
