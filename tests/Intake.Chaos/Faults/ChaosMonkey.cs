namespace Intake.Chaos.Faults;

/// <summary>Runs the fault plan on the load's clock; returns when every planned fault has been injected and recovered from.</summary>
public sealed class ChaosMonkey(FaultPlan plan, WorkerKiller killer, ServiceFaults services, ApiCrasher apiCrasher, RunClock clock)
{
    /// <summary>The API watch: it goes on after the plan (restarting the API if it dies) until its token is cancelled.</summary>
    public Task ApiWatch { get; private set; } = Task.CompletedTask;

    public async Task RunAsync(CancellationToken apiWatch, CancellationToken cancellationToken)
    {
        ApiWatch = apiCrasher.RunAsync(plan.ApiCrashes, apiWatch);
        await Task.WhenAll(
            KillsAsync(cancellationToken),
            AtAsync(plan.RabbitOutages, services.RabbitOutageAsync, cancellationToken),
            AtAsync(plan.PgRestarts, services.PgRestartAsync, cancellationToken),
            apiCrasher.PlannedCrashesDone.WaitAsync(cancellationToken));
        await killer.WaitRestartsAsync();
    }

    private async Task KillsAsync(CancellationToken cancellationToken)
    {
        foreach (var at in plan.Kills)
        {
            await clock.WaitUntilAsync(at, cancellationToken);
            await killer.KillOneAsync(cancellationToken);
        }
    }

    private async Task AtAsync(IReadOnlyList<TimeSpan> times, Func<CancellationToken, Task> fault, CancellationToken cancellationToken)
    {
        foreach (var at in times)
        {
            await clock.WaitUntilAsync(at, cancellationToken);
            await fault(cancellationToken);
        }
    }
}
