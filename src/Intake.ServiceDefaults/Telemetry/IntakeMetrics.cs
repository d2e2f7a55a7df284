using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Intake.ServiceDefaults.Telemetry;

/// <summary>
/// The Meter "Intake" and every instrument on it; Prometheus reads them at /metrics. The meter is
/// one per process, not per host (IMeterFactory): the OpenTelemetry SDK listens by meter name, so
/// several hosts in one process (the integration tests) would otherwise feed, and on disposal
/// reset, the same series. A process runs one host in production, so nothing is mixed there.
/// </summary>
public sealed class IntakeMetrics
{
    private static readonly Meter Meter = new(IntakeTelemetry.Name);

    private static readonly double[] LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
    private static readonly double[] JobBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

    private static readonly Counter<long> Submissions;
    private static readonly Counter<long> InboxDuplicates;
    private static readonly Counter<long> JobRetries;
    private static readonly Histogram<double> JobDuration;
    private static readonly Histogram<double> PublishLatency;
    private static OutboxBacklog? _backlog;

    static IntakeMetrics()
    {
        var meter = Meter;
        Submissions = meter.CreateCounter<long>(
            "intake.submissions", "{submission}", "Submissions by outcome: created, replayed, key_reused, in_flight, rejected, refused, failed.");
        InboxDuplicates = meter.CreateCounter<long>(
            "intake.inbox.duplicates", "{delivery}", "Deliveries of an already committed job that the inbox acknowledged without running it.");
        JobRetries = meter.CreateCounter<long>(
            "intake.jobs.retries", "{attempt}", "Job attempts run by the retry policy after a failed attempt.");
        JobDuration = meter.CreateHistogram(
            "intake.jobs.duration", "s", "Time one delivery of a job spent in its consumer, by job type and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JobBuckets });
        PublishLatency = meter.CreateHistogram(
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
        Submissions.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void InboxDuplicate(string jobType) =>
        InboxDuplicates.Add(1, new KeyValuePair<string, object?>("job_type", jobType));

    public void JobRetry(string jobType) =>
        JobRetries.Add(1, new KeyValuePair<string, object?>("job_type", jobType));

    public void JobFinished(string jobType, string outcome, TimeSpan duration) =>
        JobDuration.Record(duration.TotalSeconds, new TagList { { "job_type", jobType }, { "outcome", outcome } });

    public void Published(string destination, TimeSpan latency) =>
        PublishLatency.Record(Math.Max(0, latency.TotalSeconds), new KeyValuePair<string, object?>("destination", destination));

    /// <summary>The relay's latest count of unsent rows; the gauges report nothing until the first one.</summary>
    public void ReportOutboxBacklog(OutboxBacklog backlog) => Volatile.Write(ref _backlog, backlog);

    private static IEnumerable<Measurement<T>> ObserveBacklog<T>(Func<OutboxBacklog, T> select)
        where T : struct
    {
        var backlog = Volatile.Read(ref _backlog);
        return backlog is null ? [] : [new Measurement<T>(select(backlog))];
    }
}
