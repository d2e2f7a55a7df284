namespace Intake.Persistence.Entities;

public sealed class Document
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public required string Name { get; set; }

    public required string ContentType { get; set; }

    /// <summary>The uploaded bytes (UTF-8 text for JSON uploads, the file as sent for multipart).</summary>
    public required byte[] Content { get; set; }

    public long SizeBytes { get; set; }

    public required string Sha256 { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set by the last process-document job that committed.</summary>
    public int? ChunkCount { get; set; }

    public int? CharacterCount { get; set; }

    public int? WordCount { get; set; }

    public int? TokenCount { get; set; }

    public int? PageCount { get; set; }

    public Guid? ProcessedByJobId { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }
}
