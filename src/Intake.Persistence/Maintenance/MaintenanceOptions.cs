namespace Intake.Persistence.Maintenance;

public sealed class MaintenanceOptions
{
    /// <summary>How often expired keys and old inbox/outbox rows are swept.</summary>
    public TimeSpan KeyCleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement: small, so no sweep holds many row locks for long.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long an inbox row (the proof a job ran) is kept; must outlive every redelivery.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a sent outbox row is kept for diagnosis.</summary>
    public TimeSpan OutboxRetention { get; set; } = TimeSpan.FromDays(7);
}
