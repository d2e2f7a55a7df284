namespace Intake.Workers.Documents.Extraction.Pdf;

/// <summary>
/// PDFs rarely say which text is a heading, so a short block set noticeably larger than the body
/// text is taken as one. The body size is the size that carries the most words.
/// </summary>
internal sealed class PdfHeadingDetector
{
    private const double HeadingSizeRatio = 1.15;
    private const int MaxHeadingLines = 3;
    private const int MaxHeadingWords = 20;

    private readonly double bodyFontSize;

    public PdfHeadingDetector(IReadOnlyCollection<PdfTextBlock> blocks)
    {
        // Half-point buckets, so sizes that differ only by rounding count as one.
        bodyFontSize = blocks.Count == 0
            ? 0
            : blocks.GroupBy(block => Math.Round(block.FontSize * 2) / 2)
                .MaxBy(group => group.Sum(block => block.WordCount))!
                .Key;
    }

    public bool IsHeading(PdfTextBlock block) =>
        bodyFontSize > 0
        && block.FontSize >= bodyFontSize * HeadingSizeRatio
        && block.LineCount <= MaxHeadingLines
        && block.WordCount <= MaxHeadingWords;
}
