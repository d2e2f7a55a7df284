using Intake.Chaos.Stack;

namespace Intake.Chaos.Faults;

/// <summary>
/// Starts a killed worker again and waits until it is ready. A worker still not ready a minute
/// after its start and after the broker and the database were last back is stuck — it would never
/// consume again — which is recorded as a liveness violation (with the last health report from its
/// log); it is then killed and started once more (up to three times), so that the run goes on.
/// </summary>
public sealed class WorkerRestarter(IntakeStack stack, FaultLog log)
{
    public const string Stuck = "worker-stuck-unready";
    private const int Attempts = 3;
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(5);

    /// <returns>True once ready; false if it died on its own (the watchdog takes over) or stayed stuck.</returns>
    public async Task<bool> RestartAsync(ManagedProcess worker, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            stack.StartWorker(worker);
            var started = log.Now;
            while (true)
            {
                if (await stack.WaitReadyAsync(worker, Probe, cancellationToken))
                {
                    return true;
                }

                if (!worker.IsRunning)
                {
                    return false;
                }

                if (log.ServicesHealthySince is { } healthy && log.Now - Later(started, healthy) > StuckAfter)
                {
                    log.Record(Stuck,
                        $"{worker.Name} (pid {worker.Pid}) not ready {(log.Now - started).TotalSeconds:0} s after its start and " +
                        $"{(log.Now - healthy).TotalSeconds:0} s after the broker and the database were back; last health report: " +
                        $"{LastHealthReport(worker)}; killed and started again");
                    worker.Kill();
                    break;
                }
            }
        }

        return false;
    }

    private static TimeSpan Later(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string LastHealthReport(ManagedProcess worker) =>
        worker.LogSinceStart().Split('\n').LastOrDefault(l => l.Contains("with message", StringComparison.Ordinal))?.Trim() ?? "none";
}
