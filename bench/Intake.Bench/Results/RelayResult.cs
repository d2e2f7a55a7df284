namespace Intake.Bench.Results;

/// <summary>The outbox relay alone draining a backlog of committed, unsent rows (no workers).</summary>
public sealed record RelayResult(
    int Backlog,
    double SecondsFromSentAt,
    double MessagesPerSecond,
    double SecondsByPolling,
    double MessagesPerSecondByPolling,
    int Batches,
    double MeanBatchSize,
    bool Drained,
    IReadOnlyList<TimelinePoint> Remaining,
    CpuUsage? Cpu,
    IReadOnlyList<ExplainResult> ClaimPlans);
