namespace Intake.Bench.Results;

/// <summary>
/// process-document jobs from submit to succeeded with W worker processes: a saturating batch
/// (jobs/s) and a paced run at moderate load (commit → handler start, submit → succeeded), after an
/// unmeasured warm-up batch (zero in results written before it existed). <see cref="Cpu"/> covers the
/// batch, <see cref="PacedCpu"/> the paced run (null in results written before it was measured).
/// </summary>
public sealed record EndToEndResult(
    int Workers,
    int Jobs,
    double SubmitSeconds,
    double SubmitPerSecond,
    double TotalSeconds,
    double JobsPerSecond,
    double DrainJobsPerSecond,
    int Succeeded,
    int Failed,
    int Retried,
    double PacedRate,
    int PacedJobs,
    LatencyStats CommitToStart,
    LatencyStats CommitToSent,
    LatencyStats SubmitToSucceeded,
    IReadOnlyList<TimelinePoint> Completions,
    CpuUsage? Cpu,
    long ErrorCount,
    IReadOnlyList<string> ErrorSamples,
    int WarmUpJobs = 0,
    double WarmUpSeconds = 0,
    CpuUsage? PacedCpu = null);
