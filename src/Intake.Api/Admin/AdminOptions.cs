namespace Intake.Api.Admin;

public sealed class AdminOptions
{
    /// <summary>
    /// How often replay and mismatch counts kept in memory are written to
    /// idempotency_outcome_counts. Counting in memory keeps a replay free of writes; at most this
    /// much counting is lost if the process is killed (a normal shutdown flushes).
    /// </summary>
    public TimeSpan OutcomeFlushInterval { get; set; } = TimeSpan.FromSeconds(5);
}
