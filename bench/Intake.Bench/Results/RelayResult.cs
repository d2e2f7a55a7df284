namespace Intake.Bench.Results;

/// <summary>
/// The outbox relay alone draining a backlog of committed, unsent rows (no workers): the median
/// of several drains, with every drain's rate in <see cref="RoundRates"/>.
/// </summary>
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
    IReadOnlyList<ExplainResult> ClaimPlans,
    IReadOnlyList<double>? RoundRates = null);
