namespace Intake.Persistence.Entities;

/// <summary>
/// Progress of a long job saved outside its final transaction, so a redelivery after a crash
/// resumes instead of starting over. Overwritten as the job advances; deleted when it commits.
/// </summary>
public sealed class JobCheckpoint
{
    public Guid JobId { get; set; }

    /// <summary>How far the job got (for training: completed epochs).</summary>
    public int Step { get; set; }

    public required byte[] State { get; set; }

    /// <summary>What the job had measured up to <see cref="Step"/>, as JSON.</summary>
    public string? Metrics { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
