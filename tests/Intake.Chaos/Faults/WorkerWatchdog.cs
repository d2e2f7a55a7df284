using Intake.Chaos.Stack;

namespace Intake.Chaos.Faults;

/// <summary>Starts again any worker that died on its own (not killed by the suite), and records it: that is a finding.</summary>
public sealed class WorkerWatchdog(IntakeStack stack, WorkerKiller killer, FaultLog log)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var restarting = killer.Restarting.ToHashSet();
            foreach (var worker in stack.Workers.Where(w => w.ExitedOnItsOwn && !restarting.Contains(w)))
            {
                log.Record("worker-exit-unexpected", $"{worker.Name} exited on its own (exit code {worker.ExitCode}); see {worker.LogFile}");
                stack.StartWorker(worker);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
