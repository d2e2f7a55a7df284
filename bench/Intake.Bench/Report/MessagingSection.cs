using System.Globalization;
using System.Text;
using Intake.Bench.Results;

namespace Intake.Bench.Report;

/// <summary>The outbox relay (alone, and lag behind submit runs) and end to end with workers.</summary>
public static class MessagingSection
{
    public static void Write(StringBuilder md, RunData data)
    {
        if (data.Relay is { } relay)
        {
            md.AppendLine("## Outbox relay alone").AppendLine();
            md.AppendLine($"{relay.Backlog:N0} committed rows (written by the app in this run) marked unsent at once, no workers, no submissions. " +
                          $"Rate from the rows' `sent_at` (one value per relay batch), excluding the first batch: **{Fmt.Rate(relay.MessagesPerSecond)} msg/s** " +
                          $"({relay.Batches} batches, mean {Fmt.Number(relay.MeanBatchSize, "N0")} rows; {Fmt.Number(relay.SecondsFromSentAt, "N2")} s). " +
                          $"By polling the backlog from the first sent row: {Fmt.Rate(relay.MessagesPerSecondByPolling)} msg/s. Drained: {(relay.Drained ? "yes" : "NO")}.").AppendLine();
            if (relay.RoundRates is { Count: > 1 } rates)
            {
                md.AppendLine($"That drain is the median of {rates.Count}, each from a freshly vacuumed table: " +
                              $"{string.Join(" / ", rates.Select(r => Fmt.Rate(r)))} msg/s; the figures above and below are the median drain's.").AppendLine();
            }

            foreach (var plan in relay.ClaimPlans ?? [])
            {
                md.AppendLine($"<details><summary>{plan.Name}</summary>").AppendLine();
                md.AppendLine("```sql").AppendLine(plan.Sql).AppendLine("```").AppendLine("```").AppendLine(plan.Plan).AppendLine("```").AppendLine("</details>").AppendLine();
            }

            if (relay.Cpu is { } relayCpu && relay.Backlog > 0)
            {
                md.AppendLine($"CPU per message (µs): {string.Join(", ", relayCpu.CoreSecondsByCategory.Where(kv => kv.Value > 0.005).Select(kv => $"{kv.Key} {kv.Value / relay.Backlog * 1e6:N0}"))}.").AppendLine();
            }
        }

        if (data.Http is { RelayLags.Count: > 0 } http)
        {
            md.AppendLine("Relay lag behind the submit runs (unsent rows when the run ended, and the time to drain them), and how the relay batched the run's rows (warm-up included; one batch per distinct `sent_at`):").AppendLine();
            var lags = new MarkdownTable("run", "unsent at end", "drain s", "rows sent", "relay batches", "rows per batch");
            foreach (var lag in http.RelayLags)
            {
                lags.Row($"{lag.Scenario} c={lag.Concurrency}", lag.UnsentAtEnd.ToString("N0", CultureInfo.InvariantCulture),
                    lag.DrainSeconds < 0 ? "not drained" : Fmt.Number(lag.DrainSeconds, "N2"),
                    lag.Rows.ToString("N0", CultureInfo.InvariantCulture), lag.Batches.ToString("N0", CultureInfo.InvariantCulture),
                    lag.Batches > 0 ? Fmt.Number((double)lag.Rows / lag.Batches, "N1") : "–");
            }

            md.AppendLine(lags.ToString());
        }

        if (data.EndToEnd.Count == 0)
        {
            return;
        }

        md.AppendLine("## End to end: process-document jobs with 1, 2, 4 worker processes").AppendLine();
        md.AppendLine("Batch: M jobs (one ~1.5 KB document each) submitted by 8 clients as fast as they go; jobs/s = succeeded / (last `completedAt` − first `createdAt`); " +
                      "drain = completions per second after the last submission returned. Paced (moderate load): jobs submitted open-loop at a fixed rate, at most 30 % of the jobs/s just measured; " +
                      "commit → start = `startedAt − createdAt` from `GET /v1/jobs/by-key` (both stamps from this machine's clock; `createdAt` is taken before the submit transaction commits, so the figure includes the commit); " +
                      "commit → sent = the job's outbox row `sent_at − createdAt` (commit, relay wake-up and claim, broker confirm), the relay's share of it.");
        md.AppendLine(WarmUpNote(data.EndToEnd)).AppendLine();
        var table = new MarkdownTable("workers", "jobs", "submit/s", "jobs/s", "drain jobs/s", "paced rate", "commit→start p50 ms", "p99 ms", "commit→sent (relay) p50 ms", "p99 ms", "submit→succeeded p50 ms", "p99 ms", "retried", "failed", "errors");
        foreach (var e in data.EndToEnd)
        {
            table.Row(e.Workers.ToString(CultureInfo.InvariantCulture), e.Jobs.ToString("N0", CultureInfo.InvariantCulture), Fmt.Rate(e.SubmitPerSecond),
                Fmt.Rate(e.JobsPerSecond), Fmt.Rate(e.DrainJobsPerSecond), $"{Fmt.Rate(e.PacedRate)}/s × {e.PacedJobs}",
                Fmt.Ms(e.CommitToStart.P50Ms), Fmt.Ms(e.CommitToStart.P99Ms),
                e.CommitToSent is { Count: > 0 } sent ? Fmt.Ms(sent.P50Ms) : "–", e.CommitToSent is { Count: > 0 } sent99 ? Fmt.Ms(sent99.P99Ms) : "–",
                Fmt.Ms(e.SubmitToSucceeded.P50Ms), Fmt.Ms(e.SubmitToSucceeded.P99Ms),
                e.Retried.ToString(CultureInfo.InvariantCulture), e.Failed.ToString(CultureInfo.InvariantCulture), e.ErrorCount.ToString(CultureInfo.InvariantCulture));
        }

        md.AppendLine(table.ToString());
        var cpu = new MarkdownTable("workers", "window", "busy cores", "api ms/job", "workers ms/job", "postgres ms/job", "rabbitmq ms/job", "other (noise) ms/job");
        var waits = new MarkdownTable("workers", "window", "api ms/job", "workers ms/job", "postgres ms/job", "rabbitmq ms/job");
        foreach (var e in data.EndToEnd.Where(e => e.Succeeded > 0))
        {
            CpuRow(cpu, waits, e.Workers, "batch", e.Cpu, e.Succeeded);
            CpuRow(cpu, waits, e.Workers, "paced", e.PacedCpu, e.PacedJobs);
        }

        md.AppendLine("CPU per job from /proc, over the batch (submit + processing) and over the paced run (from its first submission until its last job finished; " +
                      "its busy cores say how much of the machine \"moderate load\" left free):").AppendLine().AppendLine(cpu.ToString());
        if (waits.RowCount > 0)
        {
            md.AppendLine("Waiting for a core, per job: the time each process's threads were runnable but not running (run-queue delay, `/proc/<pid>/task/*/schedstat`), " +
                          "summed over its threads. Threads run concurrently, so this is not a share of any one job's latency; it rises when the cores are contended:")
                .AppendLine().AppendLine(waits.ToString());
        }
    }

    private static void CpuRow(MarkdownTable cpu, MarkdownTable waits, int workers, string window, CpuUsage? usage, int jobs)
    {
        if (usage is null || jobs <= 0)
        {
            return;
        }

        string PerJob(IReadOnlyDictionary<string, double> seconds, params string[] categories) =>
            Fmt.Ms(categories.Sum(k => seconds.GetValueOrDefault(k)) * 1000 / jobs);
        var count = workers.ToString(CultureInfo.InvariantCulture);
        var used = usage.CoreSecondsByCategory;
        cpu.Row(count, window, Fmt.Number(usage.BusyCores, "N2"),
            PerJob(used, Cpu.CpuCategories.Api), PerJob(used, Cpu.CpuCategories.Workers), PerJob(used, Cpu.CpuCategories.PostgresBench, Cpu.CpuCategories.PostgresShared),
            PerJob(used, Cpu.CpuCategories.RabbitMq), PerJob(used, Cpu.CpuCategories.Other));
        if (usage.RunQueueSecondsByCategory is { } waited)
        {
            waits.Row(count, window,
                PerJob(waited, Cpu.CpuCategories.Api), PerJob(waited, Cpu.CpuCategories.Workers), PerJob(waited, Cpu.CpuCategories.PostgresBench, Cpu.CpuCategories.PostgresShared),
                PerJob(waited, Cpu.CpuCategories.RabbitMq));
        }
    }

    /// <summary>The worker processes start fresh for each count; what ran before the measured batch.</summary>
    private static string WarmUpNote(IReadOnlyList<EndToEndResult> runs)
    {
        var warmed = runs.Where(e => e.WarmUpJobs > 0).ToList();
        if (warmed.Count == 0)
        {
            return "No warm-up: the measured batch includes each fresh worker process's JIT compilation.";
        }

        var perWorker = string.Join(" / ", warmed.Select(e => (e.WarmUpJobs / e.Workers).ToString(CultureInfo.InvariantCulture)).Distinct());
        var seconds = string.Join(", ", warmed.Select(e => $"{e.Workers}w {Fmt.Number(e.WarmUpSeconds, "N1")} s"));
        return $"Before each batch an unmeasured warm-up of {perWorker} jobs per worker process ran ({seconds}), so most of each fresh process's " +
               "first-call JIT compilation is not charged to the measured jobs (tier-1 recompilation may still run during the batch).";
    }
}
