namespace Intake.Persistence.Entities;

public sealed class TrainingRun
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>Unique: one job registers at most one run.</summary>
    public Guid JobId { get; set; }

    public Guid DatasetId { get; set; }

    public required string BaseModel { get; set; }

    public int Epochs { get; set; }

    /// <summary>"planned" until a trainer runs it (the trainer is not built yet).</summary>
    public required string Status { get; set; }

    /// <summary>The plan as JSON: examples, steps per epoch, hyper-parameters.</summary>
    public required string Plan { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
