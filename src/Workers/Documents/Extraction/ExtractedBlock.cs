namespace Intake.Workers.Documents.Extraction;

/// <summary>
/// One paragraph (or list item, table row, code block) of extracted text, normalised: NFC, no
/// leading, trailing or repeated spaces, no \r. Prose is a single line; only code keeps \n.
/// </summary>
/// <param name="SectionTitle">The nearest heading above the block, or null before the first heading.</param>
/// <param name="Page">The 1-based page for paged formats (PDF); null otherwise.</param>
public sealed record ExtractedBlock(string Text, string? SectionTitle, int? Page);
