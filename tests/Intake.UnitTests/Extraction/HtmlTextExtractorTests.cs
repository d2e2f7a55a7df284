using Intake.Workers.Documents.Extraction;

namespace Intake.UnitTests.Extraction;

public sealed class HtmlTextExtractorTests
{
    private static readonly ExtractedDocument Document =
        DocumentTextExtractors.For("text/html; charset=utf-8").Extract(ExtractionFixtures.Utf8(ExtractionFixtures.Html));

    [Fact]
    public void Headings_title_the_blocks_below_them_and_block_elements_are_paragraphs()
    {
        Assert.Equal(
            [
                "-: Before any heading.",
                "Getting Started: Intake keeps jobs exactly once & retries \u2014 safely.",
                "Getting Started: Second paragraph spans lines.",
                "Details: First item",
                "Details: Second item",
                "Details: Loose text",
                "Details: nested block",
                "Details: tail",
                "Details: Key | Value",
                "Details: a | 1",
                "Details: line one\nline two",
            ],
            BlockAssertions.Outline(Document));
    }

    [Fact]
    public void Scripts_styles_navigation_and_other_page_furniture_are_dropped()
    {
        BlockAssertions.AssertNoJunk(Document);
        BlockAssertions.AssertNormalised(Document);
    }

    [Fact]
    public void A_page_of_only_furniture_is_empty()
    {
        var html = "<html><body><nav>Menu</nav><script>x()</script><footer>(c)</footer></body></html>";

        var error = Assert.Throws<DocumentExtractionException>(
            () => DocumentTextExtractors.For("text/html").Extract(ExtractionFixtures.Utf8(html)));
        Assert.Equal(DocumentExtractionErrorCodes.EmptyDocument, error.Code);
    }
}
