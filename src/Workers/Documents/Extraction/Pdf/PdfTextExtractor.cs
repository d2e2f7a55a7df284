using UglyToad.PdfPig.Exceptions;

namespace Intake.Workers.Documents.Extraction.Pdf;

/// <summary>
/// application/pdf: text blocks page by page in reading order, each stamped with its 1-based page;
/// large short blocks become section titles. A PDF with no text layer (a scan) is an empty document.
/// </summary>
internal sealed class PdfTextExtractor : IDocumentTextExtractor
{
    /// <summary>PDF readers accept the header anywhere in the first kilobyte.</summary>
    private const int HeaderSearchLength = 1024;

    public static PdfTextExtractor Instance { get; } = new();

    public ExtractedDocument Extract(ReadOnlyMemory<byte> content)
    {
        if (!HasPdfHeader(content.Span))
        {
            throw Corrupt("The document is not a PDF (no %PDF- header).", innerException: null);
        }

        IReadOnlyList<PdfTextBlock> blocks;
        int pageCount;
        try
        {
            (blocks, pageCount) = PdfLayoutReader.Read(content);
        }
        catch (PdfDocumentEncryptedException exception)
        {
            throw Corrupt("The PDF is encrypted and cannot be read without its password.", exception);
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
        {
            // PdfPig reports damage with many exception types (format, parsing, index, null
            // reference on broken objects); all of them mean this file cannot be read.
            throw Corrupt($"The PDF cannot be read: {exception.Message}", exception);
        }

        var headings = new PdfHeadingDetector(blocks);
        var builder = new ExtractedDocumentBuilder();
        foreach (var block in blocks)
        {
            builder.Page = block.Page;
            if (headings.IsHeading(block))
            {
                builder.StartSection(block.Text);
            }
            else
            {
                builder.AddParagraph(block.Text);
            }
        }

        return builder.Build(pageCount);
    }

    private static bool HasPdfHeader(ReadOnlySpan<byte> content) =>
        content[..Math.Min(content.Length, HeaderSearchLength)].IndexOf("%PDF-"u8) >= 0;

    private static DocumentExtractionException Corrupt(string message, Exception? innerException) =>
        new(DocumentExtractionErrorCodes.CorruptDocument, message, innerException);
}
