namespace Intake.Persistence.Inbox;

public sealed class InboxOptions
{
    /// <summary>How long a running job's claim lasts without renewal before it counts as abandoned.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often workers look for running jobs whose lease has expired.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a job may stay `queued` after its command was sent before the command counts as
    /// lost and is sent again. Longer than a worker's in-memory retries of one message
    /// (RetryMaxInterval × RetryLimit) and than the expected backlog, so that normally nothing is
    /// re-sent; a needless re-send costs a message, never a second run.
    /// </summary>
    public TimeSpan QueuedResendAfter { get; set; } = TimeSpan.FromMinutes(30);
}
