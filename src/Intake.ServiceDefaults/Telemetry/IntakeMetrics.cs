using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Intake.ServiceDefaults.Telemetry;

/// <summary>
/// The Meter "Intake" and every instrument on it. One per host (made through the host's
/// IMeterFactory), so each API or worker reports its own numbers; Prometheus reads them at /metrics.
/// </summary>
public sealed class IntakeMetrics
{
    private static readonly double[] LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
    private static readonly double[] JobBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

    private readonly Counter<long> _submissions;
    private readonly Counter<long> _inboxDuplicates;
    private readonly Counter<long> _jobRetries;
    private readonly Histogram<double> _jobDuration;
    private readonly Histogram<double> _publishLatency;
    private OutboxBacklog? _backlog;

    public IntakeMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(IntakeTelemetry.Name);
        _submissions = meter.CreateCounter<long>(
            "intake.submissions", "{submission}", "Submissions by outcome: created, replayed, key_reused, in_flight, rejected, refused, failed.");
        _inboxDuplicates = meter.CreateCounter<long>(
            "intake.inbox.duplicates", "{delivery}", "Deliveries of an already committed job that the inbox acknowledged without running it.");
        _jobRetries = meter.CreateCounter<long>(
            "intake.jobs.retries", "{attempt}", "Job attempts run by the retry policy after a failed attempt.");
        _jobDuration = meter.CreateHistogram(
            "intake.jobs.duration", "s", "Time one delivery of a job spent in its consumer, by job type and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JobBuckets });
        _publishLatency = meter.CreateHistogram(
            "intake.outbox.publish_latency", "s", "From the submission's commit to the broker's confirm of its outbox row.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

        // Read from the relay's cached snapshot: a scrape never queries the database.
        meter.CreateObservableGauge(
            "intake.outbox.backlog", () => ObserveBacklog(b => b.Unsent), "{message}", "Outbox rows not sent yet.");
        meter.CreateObservableGauge(
            "intake.outbox.oldest_unsent_age", () => ObserveBacklog(b => b.OldestAge(DateTimeOffset.UtcNow).TotalSeconds), "s",
            "Age of the oldest outbox row not sent yet (0 when there is none).");
    }

    public void Submission(string outcome) =>
        _submissions.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void InboxDuplicate(string jobType) =>
        _inboxDuplicates.Add(1, new KeyValuePair<string, object?>("job_type", jobType));

    public void JobRetry(string jobType) =>
        _jobRetries.Add(1, new KeyValuePair<string, object?>("job_type", jobType));

    public void JobFinished(string jobType, string outcome, TimeSpan duration) =>
        _jobDuration.Record(duration.TotalSeconds, new TagList { { "job_type", jobType }, { "outcome", outcome } });

    public void Published(string destination, TimeSpan latency) =>
        _publishLatency.Record(Math.Max(0, latency.TotalSeconds), new KeyValuePair<string, object?>("destination", destination));

    /// <summary>The relay's latest count of unsent rows; the gauges report nothing until the first one.</summary>
    public void ReportOutboxBacklog(OutboxBacklog backlog) => Volatile.Write(ref _backlog, backlog);

    private IEnumerable<Measurement<T>> ObserveBacklog<T>(Func<OutboxBacklog, T> select)
        where T : struct
    {
        var backlog = Volatile.Read(ref _backlog);
        return backlog is null ? [] : [new Measurement<T>(select(backlog))];
    }
}
