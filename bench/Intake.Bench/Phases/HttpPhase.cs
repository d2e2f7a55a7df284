using Intake.Bench.Api;
using Intake.Bench.Baseline;
using Intake.Bench.Load;
using Intake.Bench.Results;
using Intake.Bench.Ui;

namespace Intake.Bench.Phases;

/// <summary>
/// Scenarios 1–5 with workers stopped, each app run between two runs of its pgbench baseline at
/// the same client count, one before and one after (bracketed, so a drift in the machine's speed
/// over the minute they take hits both sides alike).
/// </summary>
public sealed class HttpPhase(PhaseContext context)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var tag = settings.RunTag;
        var maxClients = settings.Concurrency.Max();
        Say.Line($"setup: {maxClients} users with one document each");
        var users = await context.Users.CreateAsync(Enumerable.Range(0, maxClients).Select(i => $"bench-{tag}-{i}"), 600, cancellationToken);

        // Rows the app writes: templates for the baseline scripts.
        var keyed = await Accept(users[0], $"template-{tag}", cancellationToken);
        var keyless = await Accept(users[0], null, cancellationToken);
        var scripts = await new BaselineScripts(context.DataSource, Path.Combine(settings.ResultsDirectory, "pgbench"))
            .PrepareAsync(new AppRows(users[0].Id, $"template-{tag}", keyed), new AppRows(users[0].Id, null, keyless), cancellationToken);

        // Replay and status look up one key per client, submitted once here.
        var replayKeys = users.Select((_, i) => $"rp-{tag}-{i}").ToList();
        var replayBodies = new List<byte[]>();
        for (var i = 0; i < users.Count; i++)
        {
            var first = await context.Api.SubmitAsync(users[i], replayKeys[i], cancellationToken);
            Expect(first, 202);
            replayBodies.Add(first.Body);
        }

        var operations = new HttpOperations(context.Api, users, replayKeys, replayBodies);
        await WarmUpAsync(operations, tag, cancellationToken);
        var pgbench = new PgbenchRunner(settings.Pgbench, settings.ConnectionString, settings.WorkDirectory, context.Cpu);
        var runs = new List<LoadRun>();
        var lags = new List<RelayLag>();
        var bursts = new List<BurstRun>();
        var steps = new List<(string, Func<Task<string>>)>();

        foreach (var clients in settings.Concurrency)
        {
            var plan = new LoadPlan(clients, settings.Warmup, settings.Duration);
            steps.Add(($"{Scenarios.SubmitNew} c={clients}", async () =>
            {
                var (baseline, app) = await Around(pgbench, Scenarios.SubmitNew, scripts[BaselineScripts.Submit], plan, runs,
                    () => WithRelayLag(Scenarios.SubmitNew, clients, lags,
                        () => App(Scenarios.SubmitNew, operations.SubmitNew($"sn{clients}-{tag}"), plan, runs, cancellationToken), cancellationToken),
                    cancellationToken);
                var oneTrip = await Baseline(pgbench, Scenarios.SubmitOneRoundTrip, scripts[BaselineScripts.SubmitOneRoundTrip], plan, runs, cancellationToken);
                return $"{Summary(app)} | pgbench {Summary(baseline)} | 1-trip {Summary(oneTrip)}";
            }));
        }

        foreach (var clients in settings.Concurrency)
        {
            var plan = new LoadPlan(clients, settings.Warmup, settings.Duration);
            steps.Add(($"{Scenarios.SubmitNoKey} c={clients}", async () =>
            {
                var (baseline, app) = await Around(pgbench, Scenarios.SubmitNoKey, scripts[BaselineScripts.NoKey], plan, runs,
                    () => WithRelayLag(Scenarios.SubmitNoKey, clients, lags,
                        () => App(Scenarios.SubmitNoKey, operations.SubmitNoKey(), plan, runs, cancellationToken), cancellationToken),
                    cancellationToken);
                return $"{Summary(app)} | pgbench {Summary(baseline)}";
            }));
        }

        // The overhead again, with both kinds in one run: separate runs minutes apart moved by more
        // than the overhead itself on this shared machine (see BENCHMARKS.md, seventh pass). Three
        // times as long as the other runs, because each kind gets half the requests and a p99 is
        // judged on it: at 6 s each kind's p99 rested on its ~30 slowest requests.
        var overheadClients = Scenarios.OverheadConcurrency(settings.Concurrency);
        steps.Add(($"{Scenarios.Interleaved} c={overheadClients}", async () =>
        {
            var plan = new LoadPlan(overheadClients, settings.Warmup, settings.Duration * 3);
            await context.Db.SettleAsync(cancellationToken);
            var baseline = await pgbench.RunMixAsync(
                [(Scenarios.SubmitNewInterleaved, scripts[BaselineScripts.Submit]), (Scenarios.SubmitNoKeyInterleaved, scripts[BaselineScripts.NoKey])],
                plan, SmokeTransactions, cancellationToken);
            runs.AddRange(baseline);
            await context.Db.SettleAsync(cancellationToken);
            var measured = await WithRelayLag(Scenarios.Interleaved, overheadClients, lags, () => ClosedLoop.RunAsync(
                plan, operations.SubmitInterleaved($"ov{overheadClients}-{tag}"), null, HttpOperations.InterleavedKinds, cancellationToken), cancellationToken);
            var keyed = measured.ToRunOfClass(0, Scenarios.SubmitNewInterleaved, LoadRun.App, "POST /v1/jobs/process-document");
            var keyless = measured.ToRunOfClass(1, Scenarios.SubmitNoKeyInterleaved, LoadRun.App, "POST /v1/jobs/process-document");
            runs.Add(keyed);
            runs.Add(keyless);
            return $"app Δ p50 {keyed.Latency.P50Ms - keyless.Latency.P50Ms:+0.00;-0.00} ms p99 {keyed.Latency.P99Ms - keyless.Latency.P99Ms:+0.00;-0.00} ms | " +
                   $"pgbench Δ p50 {baseline[0].Latency.P50Ms - baseline[1].Latency.P50Ms:+0.00;-0.00} ms";
        }));

        foreach (var clients in settings.Concurrency)
        {
            var plan = new LoadPlan(clients, settings.Warmup, settings.Duration);
            steps.Add(($"{Scenarios.Replay} c={clients}", async () =>
            {
                var (baseline, app) = await Around(pgbench, Scenarios.Replay, scripts[BaselineScripts.Replay], plan, runs,
                    () => App(Scenarios.Replay, operations.Replay(), plan, runs, cancellationToken), cancellationToken);
                return $"{Summary(app)} | pgbench {Summary(baseline)}";
            }));
        }

        foreach (var clients in settings.Concurrency)
        {
            var plan = new LoadPlan(clients, settings.Warmup, settings.Duration);
            steps.Add(($"{Scenarios.Status} c={clients}", async () =>
            {
                var (baseline, app) = await Around(pgbench, Scenarios.Status, scripts[BaselineScripts.Status], plan, runs,
                    () => App(Scenarios.Status, operations.Status(), plan, runs, cancellationToken), cancellationToken);
                return $"{Summary(app)} | pgbench {Summary(baseline)}";
            }));
        }

        var duplicates = new DuplicateBursts(context.Api, users, context.Db);
        foreach (var size in settings.Concurrency)
        {
            steps.Add(($"{Scenarios.Duplicates} n={size}", async () =>
            {
                var run = await duplicates.RunAsync(size, settings.Smoke ? 3 : 40, $"dup{size}-{tag}", cancellationToken);
                bursts.Add(run);
                return $"{run.Bursts} bursts, burst p50 {run.BurstLatency.P50Ms:F1} ms p99 {run.BurstLatency.P99Ms:F1} ms, " +
                       $"{run.BurstsWithExactlyOneJob} with exactly one job, {run.BurstsViolating} violating, {run.ErrorCount} errors";
            }));
        }

        await Say.StepsAsync("http", steps);

        var result = new HttpPhaseResult(runs, bursts, lags, await context.Db.RowSizesAsync(cancellationToken),
            scripts.Values.Select(s => $"{Path.GetFileName(s.Path)} (-M {s.Protocol}): {s.Description}").ToList());
        await ResultFiles.WriteAsync(settings.ResultsDirectory, ResultFiles.Http, result);

        var errors = runs.Sum(r => r.ErrorCount) + bursts.Sum(b => b.ErrorCount) + lags.Count(l => l.DrainSeconds < 0);
        foreach (var run in runs.Where(r => r.ErrorCount > 0))
        {
            Say.Error($"{run.Scenario} ({run.Kind}) c={run.Concurrency}: {run.ErrorCount} errors, e.g. {run.ErrorSamples.FirstOrDefault()}");
        }

        foreach (var burst in bursts.Where(b => b.ErrorCount > 0))
        {
            Say.Error($"duplicates n={burst.BurstSize}: {burst.ErrorCount} errors, e.g. {burst.ErrorSamples.FirstOrDefault()}");
        }

        return errors == 0 ? 0 : 1;
    }

    /// <summary>
    /// Not measured: submissions at 8 clients until their throughput stops rising, then every
    /// other request kind briefly, so that tiered JIT compilation, the connection pools and the
    /// caches have settled before the first measured run. A fixed 4 s per kind was not enough:
    /// on two busy cores the runtime's tier-1 (profile-guided) recompilation runs in the
    /// background for 40–60 s, during which submissions climbed from ~360 to ~1,200 per second
    /// with the API's CPU per request falling 4× (and without tiering they stay at ~520/s), so
    /// whichever run came first was measured on half-compiled code. Hence at least 60 s: a run
    /// that stopped at the first flat pair of windows (after 45 s, at ~550/s) was still climbing.
    /// </summary>
    private async Task WarmUpAsync(HttpOperations operations, string tag, CancellationToken cancellationToken)
    {
        var smoke = context.Settings.Smoke;
        var clients = Math.Min(8, context.Settings.Concurrency.Max());
        var window = new LoadPlan(clients, TimeSpan.Zero, TimeSpan.FromSeconds(smoke ? 0.3 : 5));
        var (minimum, maximum) = smoke ? (1, 1) : (12, 24);
        var previous = 0.0;
        for (var i = 1; i <= maximum; i++)
        {
            // Keys are numbered per run: each window needs a prefix of its own to submit new ones.
            var rate = Completed(await ClosedLoop.RunAsync(window, operations.SubmitNew($"warm-{tag}-{i}"), null, cancellationToken)).Throughput;
            Say.Line($"warm-up: submit-new window {i}: {rate:F0} req/s");
            if (i >= minimum && Math.Abs(rate - previous) <= 0.05 * previous)
            {
                break;
            }

            previous = rate;
        }

        foreach (var operation in new[] { operations.SubmitNoKey(), operations.Replay(), operations.Status() })
        {
            Completed(await ClosedLoop.RunAsync(window, operation, null, cancellationToken));
        }

        var (backlog, _, drained) = await context.Db.WaitForRelayAsync(TimeSpan.FromSeconds(60), cancellationToken);
        if (!drained)
        {
            throw new InvalidOperationException($"warm-up: the relay did not drain its backlog of {backlog} rows within 60 s");
        }
    }

    private static LoadMeasurement Completed(LoadMeasurement run) =>
        run.Errors.Total > 0 ? throw new InvalidOperationException($"warm-up failed: {run.Errors.Samples.FirstOrDefault()}") : run;

    private async Task<Guid> Accept(BenchUser user, string? key, CancellationToken cancellationToken)
    {
        var response = await context.Api.SubmitAsync(user, key, cancellationToken);
        Expect(response, 202);
        return Guid.Parse(response.JobId!);
    }

    private async Task<LoadRun> Baseline(PgbenchRunner pgbench, string scenario, BaselineScript script, LoadPlan plan, List<LoadRun> runs, CancellationToken cancellationToken)
    {
        await context.Db.SettleAsync(cancellationToken);
        var run = await pgbench.RunAsync(scenario, script, plan, SmokeTransactions, cancellationToken);
        runs.Add(run);
        return run;
    }

    /// <summary>The baseline once before and once after <paramref name="app"/>, reported as one run over both windows; and the app's run.</summary>
    private async Task<(LoadRun Baseline, LoadRun App)> Around(
        PgbenchRunner pgbench, string scenario, BaselineScript script, LoadPlan plan, List<LoadRun> runs, Func<Task<LoadRun>> app, CancellationToken cancellationToken)
    {
        var position = runs.Count;
        LoadRun? measured = null;
        await context.Db.SettleAsync(cancellationToken);
        var baseline = await pgbench.RunAroundAsync(scenario, script, plan, SmokeTransactions, async () =>
        {
            measured = await app();
            await context.Db.SettleAsync(cancellationToken);
        }, cancellationToken);

        // Listed before its app run, as the report's tables show them.
        runs.Insert(position, baseline);
        return (baseline, measured!);
    }

    /// <summary>A smoke run's pgbench runs a fixed number of transactions per client instead of for a duration.</summary>
    private int? SmokeTransactions => context.Settings.Smoke ? 20 : null;

    private async Task<LoadRun> App(string scenario, ClosedLoop.Operation operation, LoadPlan plan, List<LoadRun> runs, CancellationToken cancellationToken)
    {
        await context.Db.SettleAsync(cancellationToken);
        var measured = await ClosedLoop.RunAsync(plan, operation, context.Cpu, cancellationToken);
        var run = measured.ToRun(scenario, LoadRun.App, "POST /v1/jobs/process-document");
        if (scenario == Scenarios.Status)
        {
            run = run with { Target = "GET /v1/jobs/by-key/{key}" };
        }

        runs.Add(run);
        return run;
    }

    /// <summary>
    /// Runs a submit run, then records in <paramref name="lags"/> how far behind the relay was,
    /// how long it took to catch up, and how it batched the run's rows.
    /// </summary>
    private async Task<T> WithRelayLag<T>(string scenario, int clients, List<RelayLag> lags, Func<Task<T>> run, CancellationToken cancellationToken)
    {
        var highWater = await context.Db.OutboxHighWaterAsync(cancellationToken);
        var result = await run();
        var (backlog, seconds, drained) = await context.Db.WaitForRelayAsync(TimeSpan.FromSeconds(60), cancellationToken);
        if (!drained)
        {
            Say.Error($"the relay did not drain {backlog} unsent outbox rows within 60 s after {scenario} c={clients}");
        }

        var (rows, batches) = await context.Db.SentSinceAsync(highWater, cancellationToken);
        lags.Add(new RelayLag(scenario, clients, backlog, drained ? seconds : -1, rows, batches));
        return result;
    }

    private static void Expect(ApiResponse response, int status)
    {
        if (response.Status != status)
        {
            throw new InvalidOperationException($"setup request failed: expected {status}, got {response.Describe()}");
        }
    }

    private static string Summary(LoadRun run) =>
        $"{run.Throughput:F0}/s p50 {run.Latency.P50Ms:F2} p99 {run.Latency.P99Ms:F2} ms{(run.ErrorCount > 0 ? $" ERRORS {run.ErrorCount}" : string.Empty)}";
}
