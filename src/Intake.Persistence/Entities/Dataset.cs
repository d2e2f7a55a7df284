namespace Intake.Persistence.Entities;

public sealed class Dataset
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>Unique: one job yields at most one dataset.</summary>
    public Guid JobId { get; set; }

    public required string Format { get; set; }

    public List<Guid> DocumentIds { get; set; } = [];

    public int ExampleCount { get; set; }

    public int TrainCount { get; set; }

    public int ValidationCount { get; set; }

    public int DuplicatesRemoved { get; set; }

    public double ValidationFraction { get; set; }

    public long TokensTotal { get; set; }

    public int TokensMin { get; set; }

    public double TokensMean { get; set; }

    public int TokensMax { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
