using Intake.Workers.Documents.Extraction;

namespace Intake.UnitTests.Extraction;

public sealed class PdfTextExtractorTests
{
    private static readonly ExtractedDocument Document =
        DocumentTextExtractors.For("application/pdf").Extract(ExtractionFixtures.ThreePagePdf());

    [Fact]
    public void Paragraphs_come_page_by_page_with_their_page_numbers()
    {
        Assert.Equal(3, Document.PageCount);
        Assert.Equal([1, 1, 2, 2, 3], Document.Blocks.Select(block => block.Page));
        Assert.Equal(
            Paragraph(1, 0),
            Document.Blocks[0].Text);
        Assert.Equal(Paragraph(2, 1), Document.Blocks[3].Text);
    }

    [Fact]
    public void Large_short_blocks_become_section_titles_that_carry_across_pages()
    {
        Assert.Equal(
            ["Introduction", "Introduction", "Introduction", "Introduction", "Results"],
            Document.Blocks.Select(block => block.SectionTitle));
        Assert.DoesNotContain(Document.Blocks, block => block.Text is "Introduction" or "Results");
    }

    [Fact]
    public void A_word_hyphenated_across_lines_is_rejoined()
    {
        Assert.Equal("Extraction keeps information whole across lines.", Document.Blocks[^1].Text);
        BlockAssertions.AssertNormalised(Document);
    }

    [Fact]
    public void A_pdf_without_text_is_empty()
    {
        var error = Assert.Throws<DocumentExtractionException>(
            () => DocumentTextExtractors.For("application/pdf").Extract(ExtractionFixtures.BlankPagesPdf(2)));

        Assert.Equal(DocumentExtractionErrorCodes.EmptyDocument, error.Code);
    }

    private static string Paragraph(int page, int paragraph) =>
        string.Join(' ', Enumerable.Range(0, 3).Select(line => ExtractionFixtures.PdfLine(page, paragraph, line)));
}
