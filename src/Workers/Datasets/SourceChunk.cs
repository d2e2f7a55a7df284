namespace Intake.Workers.Datasets;

/// <summary>A chunk as input to example generation, with the name of its document and its section heading.</summary>
public sealed record SourceChunk(string DocumentName, int Ordinal, string Content, string? SectionTitle = null);
