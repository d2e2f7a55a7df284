namespace Intake.Api.Documents;

public sealed record ChunkView(
    int Ordinal, string Content, int TokenCount, string? SectionTitle, int? Page, int StartOffset, int CharacterCount, int WordCount);
