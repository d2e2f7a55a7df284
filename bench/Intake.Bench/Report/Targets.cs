using Intake.Bench.Phases;
using Intake.Bench.Results;

namespace Intake.Bench.Report;

/// <summary>The targets of issue 6, checked against one run.</summary>
public static class Targets
{
    public static IReadOnlyList<TargetCheck> Evaluate(RunData data)
    {
        var checks = new List<TargetCheck>();
        var levels = data.Concurrencies;

        // 1. submit-new ≥ 60 % of its pgbench baseline at 8 and 32 clients.
        var submitLevels = levels.Where(c => c is 8 or 32).DefaultIfEmpty(levels.Count > 0 ? levels.Max() : 0).ToList();
        var ratios = submitLevels.Select(c => (c, Ratio(data.Find(Scenarios.SubmitNew, LoadRun.App, c), data.Find(Scenarios.SubmitNew, LoadRun.Baseline, c)))).ToList();
        checks.Add(new TargetCheck(
            "submit-new throughput ≥ 60 % of pgbench (3 inserts in one transaction) at 8 and 32 clients",
            string.Join("; ", ratios.Select(r => $"c={r.c}: {Fmt.Ratio(r.Item2)}")),
            ratios.Count == 0 || ratios.Any(r => !double.IsFinite(r.Item2)) ? null : ratios.All(r => r.Item2 >= 0.6)));

        // 2. Idempotency overhead at 8 clients: judged on the interleaved run when there is one
        // (both kinds under the same load at the same moments); the separate runs are shown too.
        var overheadLevel = Scenarios.OverheadConcurrency(levels);
        var separate = Overhead(data, Scenarios.SubmitNew, Scenarios.SubmitNoKey, LoadRun.App, overheadLevel);
        var interleaved = Overhead(data, Scenarios.SubmitNewInterleaved, Scenarios.SubmitNoKeyInterleaved, LoadRun.App, overheadLevel);
        var database = Overhead(data, Scenarios.SubmitNewInterleaved, Scenarios.SubmitNoKeyInterleaved, LoadRun.Baseline, overheadLevel);
        if ((interleaved ?? separate) is { } judged)
        {
            var measured = new List<string>();
            if (interleaved is { } i)
            {
                measured.Add($"interleaved: p50 {Fmt.SignedMs(i.P50)} ms, p99 {Fmt.SignedMs(i.P99)} ms" +
                             (database is { } d ? $" (pgbench's own: {Fmt.SignedMs(d.P50)} / {Fmt.SignedMs(d.P99)} ms)" : string.Empty));
            }

            if (separate is { } s)
            {
                measured.Add($"separate runs: p50 {Fmt.SignedMs(s.P50)} ms, p99 {Fmt.SignedMs(s.P99)} ms");
            }

            checks.Add(new TargetCheck(
                $"idempotency overhead (submit-new − submit-nokey) ≤ 1 ms p50 and ≤ 3 ms p99 at {overheadLevel} clients",
                string.Join("; ", measured),
                judged.P50 <= 1 && judged.P99 <= 3));
        }

        // 3. Replay ≥ 2× submit-new.
        var replay = levels.Select(c => (c, Ratio(data.Find(Scenarios.Replay, LoadRun.App, c), data.Find(Scenarios.SubmitNew, LoadRun.App, c)))).ToList();
        checks.Add(new TargetCheck(
            "replay throughput ≥ 2× submit-new throughput",
            string.Join("; ", replay.Select(r => $"c={r.c}: {Fmt.Ratio(r.Item2)}")),
            replay.Count == 0 || replay.Any(r => !double.IsFinite(r.Item2)) ? null : replay.All(r => r.Item2 >= 2)));

        // 4. Commit → handler start at moderate load.
        if (data.EndToEnd.Count > 0)
        {
            checks.Add(new TargetCheck(
                "commit → handler start ≤ 10 ms p50 and ≤ 50 ms p99 at moderate load",
                string.Join("; ", data.EndToEnd.Select(e =>
                    $"{e.Workers} worker(s) at {Fmt.Rate(e.PacedRate)} jobs/s{BusyCores(e.PacedCpu)}: p50 {Fmt.Ms(e.CommitToStart.P50Ms)} ms, p99 {Fmt.Ms(e.CommitToStart.P99Ms)} ms")),
                data.EndToEnd.All(e => e.CommitToStart.Count > 0 && e.CommitToStart.P50Ms <= 10 && e.CommitToStart.P99Ms <= 50)));
        }

        // 5. Relay alone.
        if (data.Relay is { } relay)
        {
            checks.Add(new TargetCheck(
                "outbox relay alone publishes ≥ 5,000 messages/s from a backlog",
                $"{Fmt.Rate(relay.MessagesPerSecond)} msg/s ({relay.Backlog:N0} rows, {relay.Batches} batches of {Fmt.Number(relay.MeanBatchSize, "N0")})",
                relay.Drained && relay.MessagesPerSecond >= 5000));
        }

        // 6. Scaling with workers (reported, judged by the reader).
        if (data.EndToEnd.Count > 0)
        {
            checks.Add(new TargetCheck(
                "end to end: more worker processes raise jobs/s until the machine (its cores or the database) is the limit; where",
                string.Join(" → ", data.EndToEnd.Select(e => $"{e.Workers}w: {Fmt.Rate(e.JobsPerSecond)} jobs/s{BusyCores(e.Cpu)}")),
                null));
        }

        return checks;
    }

    /// <summary>
    /// How busy the machine's cores were over a window. For the batch, where the limit is when
    /// jobs/s stops rising (all cores busy: the CPU, shared by API, workers, PostgreSQL and
    /// RabbitMQ); for the paced run, how moderate its load really was (the box's noise included).
    /// </summary>
    private static string BusyCores(CpuUsage? usage) =>
        usage is { WindowSeconds: > 0 } cpu ? $" ({Fmt.Number(cpu.BusyCores, "N2")} of {cpu.Cores} cores busy)" : string.Empty;

    /// <summary>Latency of the keyed kind minus the keyless one, at p50 and p99; null when either run is missing.</summary>
    private static (double P50, double P99)? Overhead(RunData data, string keyed, string keyless, string kind, int concurrency) =>
        data.Find(keyed, kind, concurrency) is { } a && data.Find(keyless, kind, concurrency) is { } b
            ? (a.Latency.P50Ms - b.Latency.P50Ms, a.Latency.P99Ms - b.Latency.P99Ms)
            : null;

    public static double Ratio(LoadRun? run, LoadRun? baseline) =>
        run is null || baseline is null || baseline.Throughput <= 0 ? double.NaN : run.Throughput / baseline.Throughput;
}
