namespace Intake.Persistence.Entities;

public sealed class DatasetExample
{
    public Guid DatasetId { get; set; }

    public int Ordinal { get; set; }

    /// <summary>"train" or "validation".</summary>
    public required string Split { get; set; }

    /// <summary>One JSONL line, without the newline. Stored as text (not jsonb) so it is served exactly as written.</summary>
    public required string Content { get; set; }

    public int TokenCount { get; set; }
}
