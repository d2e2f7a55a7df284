namespace Intake.Persistence.Inbox;

public sealed class InboxOptions
{
    /// <summary>How long a running job's claim lasts without renewal before it counts as abandoned.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often workers look for running jobs whose lease has expired.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}
