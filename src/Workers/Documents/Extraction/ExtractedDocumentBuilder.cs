using Intake.Workers.Documents.Extraction.Normalization;

namespace Intake.Workers.Documents.Extraction;

/// <summary>
/// Collects blocks in reading order for the extractors: normalises each text, drops empty ones and
/// stamps each with the current section title and page.
/// </summary>
internal sealed class ExtractedDocumentBuilder
{
    private readonly List<ExtractedBlock> blocks = [];
    private readonly List<ExtractedBlock> headings = [];
    private string? sectionTitle;

    /// <summary>The page the next blocks are on (PDF); null for formats without pages.</summary>
    public int? Page { get; set; }

    /// <summary>A heading: it titles the blocks after it and is not a block itself. Empty headings are ignored.</summary>
    public void StartSection(string rawTitle)
    {
        var title = TextNormalizer.Prose(rawTitle);
        if (title.Length > 0)
        {
            sectionTitle = title;
            headings.Add(new ExtractedBlock(title, title, Page));
        }
    }

    public void AddParagraph(string rawText) => Add(TextNormalizer.Prose(rawText));

    public void AddPreformatted(string rawText) => Add(TextNormalizer.Preformatted(rawText));

    /// <summary>
    /// The document. A document made only of headings still has text, so its headings become its
    /// blocks rather than failing as empty.
    /// </summary>
    public ExtractedDocument Build(int pageCount)
    {
        var result = blocks.Count > 0 ? blocks : headings;
        if (result.Count == 0)
        {
            throw new DocumentExtractionException(DocumentExtractionErrorCodes.EmptyDocument, "The document contains no text.");
        }

        return new ExtractedDocument(result.ToArray(), pageCount);
    }

    private void Add(string text)
    {
        if (text.Length > 0)
        {
            blocks.Add(new ExtractedBlock(text, sectionTitle, Page));
        }
    }
}
