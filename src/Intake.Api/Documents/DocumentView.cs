using Intake.Persistence.Entities;

namespace Intake.Api.Documents;

public sealed record DocumentView(
    Guid DocumentId,
    string Name,
    string ContentType,
    long SizeBytes,
    string Sha256,
    DateTimeOffset CreatedAt,
    int? ChunkCount,
    int? CharacterCount,
    int? WordCount,
    int? TokenCount,
    int? PageCount,
    DateTimeOffset? ProcessedAt)
{
    public static DocumentView From(Document d) => new(
        d.Id, d.Name, d.ContentType, d.SizeBytes, d.Sha256, d.CreatedAt, d.ChunkCount, d.CharacterCount, d.WordCount, d.TokenCount, d.PageCount, d.ProcessedAt);
}
