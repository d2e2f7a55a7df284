namespace Intake.Persistence.Entities;

/// <summary>
/// Proof that a consumer committed a job's effects. Inserted in the same transaction as the
/// effects; its primary key (user, job, consumer) is what makes a second execution impossible.
/// </summary>
public sealed class InboxMessage
{
    public required string UserId { get; set; }

    public Guid JobId { get; set; }

    public required string Consumer { get; set; }

    public Guid? MessageId { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}
