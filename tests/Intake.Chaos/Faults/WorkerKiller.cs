using System.Collections.Concurrent;
using System.Globalization;
using Intake.Chaos.Stack;

namespace Intake.Chaos.Faults;

/// <summary>
/// SIGKILLs workers mid-job and starts them again. Before a kill it waits (briefly) until the
/// worker is in the middle of a job: an open transaction on its own connections (a short job holds
/// one while it writes effects) or a lease it owns (a long job). Documents workers are killed twice
/// as often as the datasets/training workers, as they carry most of the load. A worker is only
/// killed after it has been up for a while, and never the last live consumer of its job types, so
/// that on a slow machine (where a restart takes a minute) the work still moves: the kills that
/// cannot be made then are skipped and counted.
/// </summary>
public sealed class WorkerKiller(IntakeStack stack, ChaosDb db, FaultLog log, TimeSpan restartDelay)
{
    private readonly WorkerRestarter _restarter = new(stack, log);

    private const string MidJobSql = """
        SELECT (SELECT count(*) FROM pg_stat_activity
                WHERE application_name = $1 AND xact_start IS NOT NULL
                  AND state IN ('active', 'idle in transaction') AND pid <> pg_backend_pid())
             + (SELECT count(*) FROM jobs WHERE status = 'running' AND lease_owner LIKE $2)
        """;

    /// <summary>
    /// How long a kill waits for its victim to be mid-job. 5 s was too short on a loaded box: a
    /// CI run's three kills landed before the first documents reached that worker, on the mixed
    /// worker before any dataset was asked for, and during a database restart — none mid-job.
    /// </summary>
    private static readonly TimeSpan MidJobPatience = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan MinimumUptime = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<ManagedProcess, bool> _restarting = new();
    private readonly ConcurrentDictionary<ManagedProcess, long> _readySince = new();
    private readonly List<Task> _restarts = [];
    private int _next;

    public IEnumerable<ManagedProcess> Restarting => _restarting.Keys;

    public async Task KillOneAsync(CancellationToken cancellationToken)
    {
        var victim = NextVictim();
        if (victim is null)
        {
            log.Record("worker-kill-skipped", "no worker can be killed now (each is restarting, just restarted, or the last live one of its kind)");
            return;
        }

        _restarting[victim] = true;
        var midJob = await WaitMidJobAsync(victim, cancellationToken);
        var pid = victim.Pid;
        victim.Kill();
        log.Record("worker-kill", $"SIGKILL {victim.Name} (pid {pid}){(midJob ? " mid-job" : " (no job in flight seen)")}");
        if (midJob)
        {
            log.Record("worker-kill-mid-job", victim.Name);
        }

        lock (_restarts)
        {
            _restarts.Add(RestartAsync(victim, cancellationToken));
        }
    }

    public async Task WaitRestartsAsync()
    {
        Task[] pending;
        lock (_restarts)
        {
            pending = [.. _restarts];
        }

        await Task.WhenAll(pending);
    }

    private ManagedProcess? NextVictim()
    {
        var documents = stack.Workers.Where(w => stack.KindOf(w) == WorkerKind.Documents).ToList();
        var mixed = stack.Workers.Where(w => stack.KindOf(w) == WorkerKind.Mixed).ToList();
        var rotation = new List<ManagedProcess>();
        for (var i = 0; i < Math.Max(documents.Count, mixed.Count); i++)
        {
            rotation.AddRange(documents);
            if (mixed.Count > 0)
            {
                rotation.Add(mixed[i % mixed.Count]);
            }
        }

        for (var tried = 0; tried < rotation.Count; tried++)
        {
            var candidate = rotation[_next++ % rotation.Count];
            if (IsUp(candidate)
                && Environment.TickCount64 - _readySince.GetOrAdd(candidate, 0) >= MinimumUptime.TotalMilliseconds
                && stack.Workers.Any(w => w != candidate && stack.KindOf(w) == stack.KindOf(candidate) && IsUp(w)))
            {
                return candidate;
            }
        }

        return null;
    }

    private bool IsUp(ManagedProcess worker) => worker.IsRunning && !_restarting.ContainsKey(worker);

    private async Task<bool> WaitMidJobAsync(ManagedProcess worker, CancellationToken cancellationToken)
    {
        var pid = worker.Pid?.ToString(CultureInfo.InvariantCulture) ?? "?";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < MidJobPatience)
        {
            if (await db.TryScalarAsync(MidJobSql, cancellationToken, worker.ApplicationName, $"%/{pid}/%") > 0)
            {
                return true;
            }

            await Task.Delay(75, cancellationToken);
        }

        return false;
    }

    private async Task RestartAsync(ManagedProcess worker, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(restartDelay, cancellationToken);
            if (await _restarter.RestartAsync(worker, cancellationToken))
            {
                _readySince[worker] = Environment.TickCount64;
                log.Ended($"{worker.Name} restarted (pid {worker.Pid})");
            }
        }
        finally
        {
            _restarting.TryRemove(worker, out _);
        }
    }
}
