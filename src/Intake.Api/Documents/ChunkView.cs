namespace Intake.Api.Documents;

public sealed record ChunkView(int Ordinal, string Content, int StartOffset, int CharacterCount, int WordCount);
