using System.Globalization;
using System.Text;
using Intake.Chaos.Cli;
using Intake.Chaos.Faults;
using Intake.Chaos.Load;
using Intake.Chaos.Verify;

namespace Intake.Chaos.Report;

/// <summary>The end-of-run report: what was sent, what broke, what the database holds, and every invariant.</summary>
public sealed record Summary(
    ChaosOptions Options, Ledger Ledger, FaultLog Faults, DbSnapshot Db, IReadOnlyList<CheckResult> Checks, RunTimings Timings, string Queues)
{
    public long Duplicates => Sum(CheckKind.Duplicate);

    public long Lost => Sum(CheckKind.Lost);

    public long Stuck => Sum(CheckKind.Stuck);

    public bool Passed => Checks.All(c => c.Passed) && Timings.DrainedAt is not null;

    public string Render()
    {
        var t = Ledger.Tally;
        var text = new StringBuilder();
        void Line(string label, FormattableString value) =>
            text.Append(CultureInfo.InvariantCulture, $"  {label,-18}").AppendLine(value.ToString(CultureInfo.InvariantCulture));

        text.AppendLine(CultureInfo.InvariantCulture, $"==================== chaos summary ({Options.Profile}, {Options.Jobs} submissions at {Options.Rate}/s, seed {Options.Seed}) ====================");
        Line("submissions", $"{Options.Jobs} logical (document upload + keyed process-document job, {t["pipeline.datasets"]} went on to a dataset, {t["pipeline.trainings"]} to training)");
        Line("requests", $"{t["http.requests"]} HTTP: uploads {t["requests.upload"]}, keyed job submissions {t["requests.submit"]}, keyless {t["requests.keyless"]}, key reuses {t["requests.reuse"]}, polls {t["requests.poll"]}, verification {t["requests.verify"]}");
        Line("answers", $"replays {t["replays"]}, 422 for a reused key {t["reuse.rejected"]}, 409 in flight {t["http.409"]}, 5xx {t["http.5xx"]}, connection errors {t["http.connection-errors"]}, timeouts {t["http.timeouts"]}, retries {t["http.retries"]}");
        Line("keyless", $"{t["requests.keyless"]} sent: {t["keyless.accepted"]} accepted, {t["keyless.ambiguous"]} ambiguous (connection error or 5xx: a job may or may not exist), {t["keyless.throttled"]} throttled (429, sent again)");
        Line("faults", $"worker SIGKILLs {Faults.Count("worker-kill")} ({Faults.Count("worker-kill-mid-job")} mid-job; {Faults.Count("worker-kill-skipped")} more skipped, no worker eligible), RabbitMQ outages {Faults.Count("rabbitmq-outage")} (down {Measured("rabbitmq-down-seconds", "0.0 s")}), PostgreSQL restarts {Faults.Count("postgres-restart")} (took {Measured("postgres-restart-seconds", "0.0 s")}), API crashes between commit and publish {Faults.Count("api-crash")} (unsent outbox rows left: {Measured("api-crash-unsent-outbox", "0")})");
        Line("other exits", $"API {Faults.Count("api-exit-unexpected")}, workers {Faults.Count("worker-exit-unexpected")} (died on their own; restarted), API re-armed {Faults.Count("api-rearm")}, API bus-start timeouts {Faults.Count("api-bus-start-timeout")} (restarted during a broker outage; exited 75 and started again)");
        Line("jobs", $"{Db.Jobs.Count} in the database: {Group(Db.Jobs.GroupBy(j => j.Status))}; {Group(Db.Jobs.GroupBy(j => j.Type))}; {Db.Jobs.Count(j => j.Attempts > 1)} ran more than once (redelivered or retried)");
        Line("effects", $"{Db.Documents.Count} documents, {Db.Documents.Sum(d => d.Chunks)} chunks, {Db.Datasets.Count} datasets, {Db.TrainingRuns.Count} training runs, {Db.InboxRows.Values.Sum()} inbox rows");
        Line("outbox", $"{Db.OutboxRows} rows, {Db.UnsentOutbox} unsent");
        Line("broker queues", $"{Queues}");
        Line("drain", $"{Drain()}");
        Line("duplicates found", $"{Duplicates}");
        Line("lost", $"{Lost}");
        Line("stuck", $"{Stuck}");
        text.AppendLine("  invariants:");
        foreach (var check in Checks)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {(check.Passed ? "PASS" : "FAIL")} {check.Name}{(check.Note is null ? string.Empty : $" ({check.Note})")}");
            if (!check.Passed)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"         {check.Violations} violation(s), e.g.:");
                foreach (var sample in check.Samples)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"         - {sample}");
                }
            }
        }

        var failed = Checks.Count(c => !c.Passed);
        if (Passed)
        {
            text.AppendLine("RESULT: PASS — every invariant holds");
        }
        else
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"RESULT: FAIL — {failed} invariant(s) violated{(Timings.DrainedAt is null ? ", and the system did not drain in time" : string.Empty)}");
        }

        return text.ToString();
    }

    private string Drain() => Timings.DrainedAt is { } drained
        ? string.Create(CultureInfo.InvariantCulture,
            $"{Timings.DrainAfterLastFault!.Value.TotalSeconds:0.0} s after the last fault (last fault recovered at {Timings.LastFaultEnd.TotalSeconds:0.0} s, last submission done at {Timings.LoadDone.TotalSeconds:0.0} s, drained at {drained.TotalSeconds:0.0} s; stack startup {Timings.StackStartup.TotalSeconds:0.0} s)")
        : $"NOT drained within {Options.DrainTimeout.TotalSeconds:0} s";

    private string Measured(string kind, string format) =>
        string.Join(", ", Faults.Measured(kind).Select(v => v.ToString(format, CultureInfo.InvariantCulture)).DefaultIfEmpty("-"));

    private static string Group(IEnumerable<IGrouping<string, JobRow>> groups) =>
        string.Join(", ", groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count()}")));

    private long Sum(CheckKind kind) => Checks.Where(c => c.Kind == kind).Sum(c => c.Violations);
}
