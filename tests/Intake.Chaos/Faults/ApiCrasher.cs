using Intake.Chaos.Stack;

namespace Intake.Chaos.Faults;

/// <summary>
/// Kills the API between commit and publish: the API runs with FaultInjection__CrashAfterCommits=N,
/// chosen so that its Nth commit falls near the planned time; the process FailFasts right after that
/// commit, before its outbox relay is woken. This records the evidence (the crash message in its
/// log, the unsent outbox rows it left), starts the API again (armed for the next crash, if any), and
/// afterwards restarts it whenever it dies on its own.
/// </summary>
public sealed class ApiCrasher(IntakeStack stack, ChaosDb db, FaultLog log, RunClock clock, double commitsPerSecond)
{
    private const string InjectedMarker = "Fault injection: crashing after commit";
    private const int FallbackCommits = 3;
    private const int RestartAttempts = 5;

    /// <summary>The exit code of a process whose bus did not start in time (BusStartWatchdog).</summary>
    private const int BusStartTimeoutExitCode = 75;
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource _plannedDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when every planned crash has happened and the API is back.</summary>
    public Task PlannedCrashesDone => _plannedDone.Task;

    /// <summary>
    /// FaultInjection__CrashAfterCommits for an API started now that should crash at <paramref name="at"/>:
    /// on the early side (60 % of the commits the load should make by then), as a loaded machine
    /// runs behind the plan; if it has not crashed 30 s after the planned time, it is re-armed.
    /// </summary>
    public int CommitsUntil(TimeSpan at) => CommitsFor(at - clock.Elapsed, commitsPerSecond);

    public static int CommitsFor(TimeSpan span, double commitsPerSecond) =>
        Math.Max(FallbackCommits, (int)(span.TotalSeconds * commitsPerSecond * 0.6));

    public async Task RunAsync(IReadOnlyList<TimeSpan> crashes, CancellationToken cancellationToken)
    {
        try
        {
            for (var i = 0; i < crashes.Count; i++)
            {
                TimeSpan? next = i + 1 < crashes.Count ? crashes[i + 1] : null;
                await CrashAsync(crashes[i], next, cancellationToken);
            }
        }
        finally
        {
            _plannedDone.TrySetResult();
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            await stack.Api.Exited.WaitAsync(cancellationToken);
            if (stack.Api.ExitedOnItsOwn)
            {
                await RecordAndRestartAsync(null, cancellationToken);
            }
            else
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    private async Task CrashAsync(TimeSpan at, TimeSpan? next, CancellationToken cancellationToken)
    {
        var exited = stack.Api.Exited;
        var fallback = at + Grace - clock.Elapsed;
        if (fallback > TimeSpan.Zero && await Task.WhenAny(exited, Task.Delay(fallback, cancellationToken)) != exited)
        {
            log.Record("api-rearm", $"the API had not reached its crash point; restarting it with FaultInjection__CrashAfterCommits={FallbackCommits}");
            // Not ready can also mean it already crashed: the load reaches it before its readiness probe does.
            if (!await stack.RestartApiAsync(FallbackCommits, cancellationToken) && stack.Api.IsRunning)
            {
                log.Problem("the re-armed API did not become ready");
            }

            exited = stack.Api.Exited;
            if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMinutes(1), cancellationToken)) != exited)
            {
                log.Problem("the API did not crash at its fault-injection point (no submissions?)");
                return;
            }
        }

        await RecordAndRestartAsync(next, cancellationToken);
    }

    private async Task RecordAndRestartAsync(TimeSpan? next, CancellationToken cancellationToken)
    {
        var injected = stack.Api.LogSinceStart().Contains(InjectedMarker, StringComparison.Ordinal);
        var unsent = await db.TryScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", cancellationToken);
        var detail = $"exit code {stack.Api.ExitCode}; unsent outbox rows right after: {unsent?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
        if (injected)
        {
            log.Record("api-crash", $"FailFast after a commit, before publish ({detail})");
            if (unsent is { } rows)
            {
                log.Measure("api-crash-unsent-outbox", rows);
            }
        }
        else if (BusStartTimedOut())
        {
            log.Record("api-bus-start-timeout", $"the API exited with code {BusStartTimeoutExitCode}: its bus did not start in time ({detail})");
        }
        else
        {
            log.Record("api-exit-unexpected", $"the API died without the injected crash ({detail}); see {stack.Api.LogFile}");
        }

        int? armed = next is { } at ? CommitsUntil(at) : null;
        for (var attempt = 1; attempt <= RestartAttempts; attempt++)
        {
            if (await stack.RestartApiAsync(armed, cancellationToken))
            {
                log.Ended($"API restarted (pid {stack.Api.Pid}{(armed is { } n ? $", armed to crash after {n} commits" : string.Empty)})");
                return;
            }

            // Restarted during a long broker outage, the API gives up on its bus after
            // RabbitMq__StartTimeout and exits for its supervisor to start it again, as designed.
            if (!BusStartTimedOut())
            {
                break;
            }

            log.Record("api-bus-start-timeout", $"the restarted API exited with code {BusStartTimeoutExitCode} (its bus did not start in time); starting it again");
        }

        log.Problem("the API did not become ready after its restart");
    }

    private bool BusStartTimedOut() => !stack.Api.IsRunning && stack.Api.ExitCode == BusStartTimeoutExitCode;
}
