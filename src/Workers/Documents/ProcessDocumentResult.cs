namespace Intake.Workers.Documents;

public sealed record ProcessDocumentResult(
    Guid DocumentId, int ChunkCount, int CharacterCount, int WordCount, int TokenCount, int PageCount);
