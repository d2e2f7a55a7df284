namespace Intake.Workers.Documents.Extraction;

/// <summary>A document's text as blocks in reading order. Never empty: extraction fails instead.</summary>
/// <param name="PageCount">The number of pages of a paged format (PDF), blank pages included; 0 otherwise.</param>
public sealed record ExtractedDocument(IReadOnlyList<ExtractedBlock> Blocks, int PageCount);
