using System.Text;
using Intake.Bench.Phases;
using Intake.Bench.Results;

namespace Intake.Bench.Report;

/// <summary>Scenarios 1–5 against their baselines, the idempotency overhead, and the duplicate bursts.</summary>
public static class LoadSection
{
    private static readonly string[] Order = [Scenarios.SubmitNew, Scenarios.SubmitNoKey, Scenarios.Replay, Scenarios.Status];

    public static void Write(StringBuilder md, RunData data)
    {
        if (data.Http is not { } http)
        {
            return;
        }

        md.AppendLine("## Intake alone (workers stopped), against pgbench in the same run").AppendLine();
        md.AppendLine("Closed loop: C clients, each sending its next request when the last one answered; each app run sits between two pgbench runs at the same C, " +
                      "one before and one after it, and the baseline is both together (a drift in the machine's speed then hits both sides alike; " +
                      "*baseline after ÷ before* shows how far it drifted). Ratio = app / baseline (throughput), app p50 / baseline p50 (latency).").AppendLine();
        var table = new MarkdownTable("scenario", "C", "req/s", "p50 ms", "p95 ms", "p99 ms", "baseline req/s", "baseline p50", "baseline p99", "baseline after ÷ before", "throughput ratio", "p50 ratio", "errors");
        foreach (var scenario in Order)
        {
            foreach (var c in data.Concurrencies)
            {
                var app = data.Find(scenario, LoadRun.App, c);
                var baseline = data.Find(scenario, LoadRun.Baseline, c);
                if (app is null)
                {
                    continue;
                }

                table.Row(scenario, c.ToString(System.Globalization.CultureInfo.InvariantCulture), Fmt.Rate(app.Throughput),
                    Fmt.Ms(app.Latency.P50Ms), Fmt.Ms(app.Latency.P95Ms), Fmt.Ms(app.Latency.P99Ms),
                    baseline is null ? "–" : Fmt.Rate(baseline.Throughput),
                    baseline is null ? "–" : Fmt.Ms(baseline.Latency.P50Ms),
                    baseline is null ? "–" : Fmt.Ms(baseline.Latency.P99Ms),
                    baseline?.BaselineSplit is { } split ? Fmt.Ratio(split.Drift) : "–",
                    Fmt.Ratio(Targets.Ratio(app, baseline)),
                    baseline is null || baseline.Latency.P50Ms <= 0 ? "–" : Fmt.Ratio(app.Latency.P50Ms / baseline.Latency.P50Ms),
                    (app.ErrorCount + (baseline?.ErrorCount ?? 0)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        md.AppendLine(table.ToString());
        md.AppendLine("Baselines: submit-new → `submit.sql`, submit-nokey → `nokey.sql`, replay → `replay.sql`, status → `status.sql` (see *Baseline scripts*). " +
                      "The same three inserts sent as one round trip (`submit-1rt.sql`, simple protocol) show what batching the statements could reach:").AppendLine();
        var oneTrip = new MarkdownTable("C", "1 round trip: TPS", "p50 ms", "p99 ms", "vs submit.sql", "submit-new vs 1 round trip");
        foreach (var c in data.Concurrencies)
        {
            if (data.Find(Scenarios.SubmitOneRoundTrip, LoadRun.Baseline, c) is { } run)
            {
                oneTrip.Row(c.ToString(System.Globalization.CultureInfo.InvariantCulture), Fmt.Rate(run.Throughput), Fmt.Ms(run.Latency.P50Ms), Fmt.Ms(run.Latency.P99Ms),
                    Fmt.Ratio(Targets.Ratio(run, data.Find(Scenarios.SubmitNew, LoadRun.Baseline, c))),
                    Fmt.Ratio(Targets.Ratio(data.Find(Scenarios.SubmitNew, LoadRun.App, c), run)));
            }
        }

        md.AppendLine(oneTrip.ToString());
        WriteOverhead(md, data);
        WriteBursts(md, http);
        WriteErrors(md, http);
    }

    private static void WriteOverhead(StringBuilder md, RunData data)
    {
        md.AppendLine("### Idempotency overhead: submit-new − submit-nokey").AppendLine();
        var table = new MarkdownTable("C", "Δ p50 ms", "Δ p99 ms", "Δ req/s", "pgbench Δ p50 (submit − nokey)", "pgbench Δ p99");
        foreach (var c in data.Concurrencies)
        {
            var keyed = data.Find(Scenarios.SubmitNew, LoadRun.App, c);
            var keyless = data.Find(Scenarios.SubmitNoKey, LoadRun.App, c);
            var keyedBase = data.Find(Scenarios.SubmitNew, LoadRun.Baseline, c);
            var keylessBase = data.Find(Scenarios.SubmitNoKey, LoadRun.Baseline, c);
            if (keyed is null || keyless is null)
            {
                continue;
            }

            table.Row(c.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Fmt.SignedMs(keyed.Latency.P50Ms - keyless.Latency.P50Ms), Fmt.SignedMs(keyed.Latency.P99Ms - keyless.Latency.P99Ms),
                Fmt.Rate(keyed.Throughput - keyless.Throughput),
                keyedBase is null || keylessBase is null ? "–" : Fmt.SignedMs(keyedBase.Latency.P50Ms - keylessBase.Latency.P50Ms),
                keyedBase is null || keylessBase is null ? "–" : Fmt.SignedMs(keyedBase.Latency.P99Ms - keylessBase.Latency.P99Ms));
        }

        md.AppendLine(table.ToString());
        WriteInterleavedOverhead(md, data);
    }

    /// <summary>
    /// The same difference with both kinds in one run: every client alternates a keyed and a
    /// keyless submission (pgbench: both scripts, each picked at random per transaction), so drift
    /// in the machine's load between two runs cannot enter it.
    /// </summary>
    private static void WriteInterleavedOverhead(StringBuilder md, RunData data)
    {
        var levels = data.Concurrencies.Where(c => data.Find(Scenarios.SubmitNewInterleaved, LoadRun.App, c) is not null).ToList();
        if (levels.Count == 0)
        {
            return;
        }

        md.AppendLine("Interleaved: one run in which every client alternates a keyed and a keyless submission, and one pgbench run of " +
                      "`submit.sql` and `nokey.sql` mixed (each transaction picks one at random), so both kinds share the same load at the same moments. " +
                      "s = seconds measured (a full run measures these three times as long as the others, since each kind gets half of the requests):").AppendLine();
        var table = new MarkdownTable("C", "run", "s", "keyed req/s", "keyed p50", "keyed p99", "keyless req/s", "keyless p50", "keyless p99", "Δ p50 ms", "Δ p99 ms");
        foreach (var c in levels)
        {
            foreach (var (kind, label) in new[] { (LoadRun.App, "app"), (LoadRun.Baseline, "pgbench") })
            {
                var keyed = data.Find(Scenarios.SubmitNewInterleaved, kind, c);
                var keyless = data.Find(Scenarios.SubmitNoKeyInterleaved, kind, c);
                if (keyed is null || keyless is null)
                {
                    continue;
                }

                table.Row(c.ToString(System.Globalization.CultureInfo.InvariantCulture), label, Fmt.Number(keyed.Seconds, "N0"),
                    Fmt.Rate(keyed.Throughput), Fmt.Ms(keyed.Latency.P50Ms), Fmt.Ms(keyed.Latency.P99Ms),
                    Fmt.Rate(keyless.Throughput), Fmt.Ms(keyless.Latency.P50Ms), Fmt.Ms(keyless.Latency.P99Ms),
                    Fmt.SignedMs(keyed.Latency.P50Ms - keyless.Latency.P50Ms), Fmt.SignedMs(keyed.Latency.P99Ms - keyless.Latency.P99Ms));
            }
        }

        md.AppendLine(table.ToString());
    }

    private static void WriteBursts(StringBuilder md, HttpPhaseResult http)
    {
        md.AppendLine("### In-flight duplicates").AppendLine();
        md.AppendLine("Bursts of N identical requests (same user, key and body) released together, one burst at a time. " +
                      "Checked per burst: every answer 202 with byte-identical bodies, N−1 replays, `GET /v1/jobs/by-key` names that job, and exactly one `jobs` row under the key.").AppendLine();
        var table = new MarkdownTable("N", "bursts", "burst p50 ms", "burst p99 ms", "burst max ms", "request p50 ms", "replays", "409 in flight", "bursts with exactly one job", "violations", "errors");
        foreach (var burst in http.Bursts)
        {
            table.Row(burst.BurstSize.ToString(System.Globalization.CultureInfo.InvariantCulture), burst.Bursts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Fmt.Ms(burst.BurstLatency.P50Ms), Fmt.Ms(burst.BurstLatency.P99Ms), Fmt.Ms(burst.BurstLatency.MaxMs),
                Fmt.Ms(burst.RequestLatency.P50Ms), burst.Replays.ToString(System.Globalization.CultureInfo.InvariantCulture),
                burst.InFlightConflicts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{burst.BurstsWithExactlyOneJob}/{burst.Bursts}", burst.BurstsViolating.ToString(System.Globalization.CultureInfo.InvariantCulture),
                burst.ErrorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        md.AppendLine(table.ToString());
    }

    private static void WriteErrors(StringBuilder md, HttpPhaseResult http)
    {
        var failing = http.Runs.Where(r => r.ErrorCount > 0).ToList();
        var bursts = http.Bursts.Where(b => b.ErrorCount > 0).ToList();
        if (failing.Count == 0 && bursts.Count == 0)
        {
            return;
        }

        md.AppendLine("### Errors").AppendLine();
        foreach (var run in failing)
        {
            md.AppendLine($"- {run.Scenario} ({run.Kind}) c={run.Concurrency}: {run.ErrorCount} — {string.Join("; ", run.Errors.Select(e => $"{e.Value}× {e.Key}"))}");
        }

        foreach (var burst in bursts)
        {
            md.AppendLine($"- duplicates n={burst.BurstSize}: {burst.ErrorCount} — {string.Join("; ", burst.ErrorSamples)}");
        }

        md.AppendLine();
    }
}
