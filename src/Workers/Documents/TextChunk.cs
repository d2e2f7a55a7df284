namespace Intake.Workers.Documents;

/// <summary>A piece of a document: its position, its text, and where the text starts in the original.</summary>
public sealed record TextChunk(int Ordinal, string Content, int StartOffset);
