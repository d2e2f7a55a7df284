namespace Intake.Persistence.Entities;

public sealed class DocumentChunk
{
    public Guid DocumentId { get; set; }

    public int Ordinal { get; set; }

    /// <summary>The job that produced this chunk.</summary>
    public Guid JobId { get; set; }

    public required string Content { get; set; }

    public int StartOffset { get; set; }

    public int CharacterCount { get; set; }

    public int WordCount { get; set; }
}
