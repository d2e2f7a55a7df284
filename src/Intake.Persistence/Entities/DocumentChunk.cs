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

    /// <summary>cl100k_base tokens.</summary>
    public int TokenCount { get; set; }

    /// <summary>The heading the chunk falls under, if the document has headings.</summary>
    public string? SectionTitle { get; set; }

    /// <summary>1-based page the chunk starts on (PDF only).</summary>
    public int? Page { get; set; }
}
