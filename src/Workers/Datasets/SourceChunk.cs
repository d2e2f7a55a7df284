namespace Intake.Workers.Datasets;

/// <summary>A chunk as input to example generation, with the name of its document.</summary>
public sealed record SourceChunk(string DocumentName, int Ordinal, string Content);
