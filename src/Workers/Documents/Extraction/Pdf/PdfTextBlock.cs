namespace Intake.Workers.Documents.Extraction.Pdf;

/// <summary>A block of text found by layout analysis on one page, with what heading detection needs.</summary>
/// <param name="FontSize">The mean point size of its letters.</param>
internal sealed record PdfTextBlock(int Page, string Text, double FontSize, int LineCount, int WordCount);
