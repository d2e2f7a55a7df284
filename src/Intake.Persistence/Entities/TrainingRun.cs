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

    /// <summary>"trained" once the trainer has finished (a run is only ever committed complete).</summary>
    public required string Status { get; set; }

    /// <summary>The plan as JSON: examples, steps per epoch, hyper-parameters.</summary>
    public required string Plan { get; set; }

    /// <summary>Per-epoch train/validation loss and perplexity (the loss curve), as JSON.</summary>
    public string? Metrics { get; set; }

    public double? UniformPerplexity { get; set; }

    public double? FinalValidationPerplexity { get; set; }

    /// <summary>The trained model, downloadable as it is.</summary>
    public byte[]? Model { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
