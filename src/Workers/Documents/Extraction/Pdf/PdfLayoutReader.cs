using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;

namespace Intake.Workers.Documents.Extraction.Pdf;

/// <summary>
/// Reads the text blocks of every page with PdfPig's layout analysis: letters grouped into words
/// by nearest neighbour, words into lines and blocks by Docstrum, blocks put in reading order. Raw
/// content-stream order (page.Text) is often not reading order, and has no paragraphs.
/// </summary>
internal static class PdfLayoutReader
{
    public static (IReadOnlyList<PdfTextBlock> Blocks, int PageCount) Read(ReadOnlyMemory<byte> content)
    {
        using var document = PdfDocument.Open(content);
        var blocks = new List<PdfTextBlock>();
        foreach (var page in document.GetPages())
        {
            var words = page.GetWords(NearestNeighbourWordExtractor.Instance)
                .Where(word => !string.IsNullOrWhiteSpace(word.Text))
                .ToList();
            if (words.Count == 0)
            {
                continue;
            }

            var pageBlocks = DocstrumBoundingBoxes.Instance.GetBlocks(words);
            blocks.AddRange(UnsupervisedReadingOrderDetector.Instance.Get(pageBlocks).Select(block => ToBlock(page.Number, block)));
        }

        return (blocks, document.NumberOfPages);
    }

    private static PdfTextBlock ToBlock(int page, TextBlock block)
    {
        var words = block.TextLines.SelectMany(line => line.Words).ToList();
        var letters = words.SelectMany(word => word.Letters).ToList();
        var fontSize = letters.Count == 0 ? 0 : letters.Average(letter => letter.PointSize);
        var text = PdfLineJoiner.Join(block.TextLines.Select(line => line.Text));
        return new PdfTextBlock(page, text, fontSize, block.TextLines.Count, words.Count);
    }
}
