using System.Net.Http.Headers;
using Intake.Chaos.Cli;
using Intake.Chaos.Faults;
using Intake.Chaos.Http;
using Intake.Chaos.Load;
using Intake.Chaos.Report;
using Intake.Chaos.Stack;
using Intake.Chaos.Verify;

namespace Intake.Chaos;

/// <summary>
/// Starts the stack, runs the load and the fault plan side by side, waits for the drain, verifies
/// every invariant from the database and the API, and prints the summary. Exit code 0 only if all hold.
/// </summary>
public sealed class ChaosRun(ChaosOptions options)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var clock = new RunClock();
        var services = new ServicesControl(options.Stack.ServicesScript);
        await using var db = new ChaosDb(options.Stack.ConnectionString);
        using var stack = new IntakeStack(options.Stack, options.DocumentWorkers, options.MixedWorkers);
        var plan = FaultPlan.For(options);
        var commitsPerSecond = options.Rate * (2 + options.KeylessFraction + options.PipelineFraction * (1 + options.TrainingFraction));
        clock.Log($"plan: {options.Jobs} submissions over {options.LoadDuration.TotalSeconds:0} s; {plan.Kills.Count} worker kills, " +
            $"RabbitMQ outages at {Times(plan.RabbitOutages)}, PostgreSQL restarts at {Times(plan.PgRestarts)}, API crashes near {Times(plan.ApiCrashes)}");

        try
        {
            var firstCrash = ApiCrasher.CommitsFor(plan.ApiCrashes[0], commitsPerSecond);
            clock.Log($"starting the API (crashes after {firstCrash} commits) and {stack.Workers.Count} workers ({string.Join(", ", stack.Workers.Select(w => w.Name))})");
            await stack.StartAllAsync(firstCrash, cancellationToken);
            var startup = clock.Elapsed;
            clock.Restart();
            clock.Log($"stack ready after {startup.TotalSeconds:0.0} s; load starts");

            var summary = await RunLoadAndVerifyAsync(clock, services, db, stack, plan, commitsPerSecond, startup, cancellationToken);
            var text = summary.Render();
            Console.WriteLine();
            Console.Write(text);
            if (options.SummaryFile is { } file)
            {
                await File.WriteAllTextAsync(file, text, CancellationToken.None);
            }

            return summary.Passed ? 0 : 1;
        }
        finally
        {
            clock.Log("stopping the API and workers");
            await stack.StopAllAsync();
        }
    }

    private async Task<Summary> RunLoadAndVerifyAsync(
        RunClock clock, ServicesControl services, ChaosDb db, IntakeStack stack, FaultPlan plan, double commitsPerSecond, TimeSpan startup,
        CancellationToken cancellationToken)
    {
        var tally = new Tally();
        var ledger = new Ledger(tally);
        var faults = new FaultLog(clock);
        var tokens = new TokenFactory(options.Stack.SigningKey);
        var users = Enumerable.Range(1, options.Users)
            .Select(i => new ChaosUser($"chaos-user-{i}", new AuthenticationHeaderValue("Bearer", tokens.Mint($"chaos-user-{i}"))))
            .ToList();
        var tag = $"c{DateTime.UtcNow:HHmmss}";
        using var http = new ChaosHttp(stack.ApiAddress, tally, options.AnswerDeadline);
        var submitter = new KeyedSubmitter(http, ledger);
        var poller = new JobPoller(http);
        var pipeline = new Pipeline(submitter, poller, ledger, options.TrainingFraction, tag);
        var load = new LoadRunner(new Scenario(http, ledger, submitter, pipeline, users, options, tag), ledger, options, clock);
        var killer = new WorkerKiller(stack, db, faults, options.RestartDelay);
        var monkey = new ChaosMonkey(plan, killer, new ServiceFaults(services, faults, options.RabbitOutage), new ApiCrasher(stack, db, faults, clock, commitsPerSecond), clock);

        using var watches = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watchdog = new WorkerWatchdog(stack, killer, faults).RunAsync(watches.Token);
        var progress = new ProgressReporter(load, db, tally, faults, clock, options.Jobs, options.ProgressEvery).RunAsync(watches.Token);
        var loadTask = load.RunAsync(cancellationToken);
        await monkey.RunAsync(watches.Token, cancellationToken);
        clock.Log($"fault plan done; last fault recovered at {faults.LastFaultEnd.TotalSeconds:0.0} s");
        await loadTask;
        var loadDone = clock.Elapsed;
        clock.Log($"all {options.Jobs} submissions done; waiting for the drain (fails after {options.DrainTimeout.TotalSeconds:0} s without progress)");
        var drained = await DrainWaiter.WaitAsync(db, options.DrainTimeout, clock, cancellationToken);
        var drainedAt = drained ? clock.Elapsed : (TimeSpan?)null;
        clock.Log(drained ? "drained; waiting for the broker's queues to empty" : "NOT drained in time; verifying anyway");
        var queues = await QueueProbe.WaitEmptyAsync(services, TimeSpan.FromSeconds(30), cancellationToken);

        clock.Log("verifying");
        var snapshot = await DbSnapshot.LoadAsync(db, cancellationToken);
        var checks = new List<CheckResult> { ClientChecks.Run(ledger) };
        checks.AddRange(DbChecks.Run(snapshot, ledger));
        checks.Add(await ApiChecks.RunAsync(http, ledger, snapshot, users.ToDictionary(u => u.Id), cancellationToken));
        checks.Add(LivenessChecks.Run(faults));
        checks.Add(FaultCoverage.Run(faults));
        checks.Add(PlantedViolations.Run(snapshot, ledger));

        await watches.CancelAsync();
        await Quietly(watchdog);
        await Quietly(progress);
        await Quietly(monkey.ApiWatch);
        return new Summary(options, ledger, faults, snapshot, checks, new RunTimings(startup, faults.LastFaultEnd, loadDone, drainedAt), queues);
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }
    }

    private static string Times(IEnumerable<TimeSpan> times) =>
        string.Join(", ", times.Select(t => $"{t.TotalSeconds:0} s"));
}
