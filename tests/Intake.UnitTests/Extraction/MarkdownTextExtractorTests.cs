using Intake.Workers.Documents.Extraction;

namespace Intake.UnitTests.Extraction;

public sealed class MarkdownTextExtractorTests
{
    private static readonly ExtractedDocument Document =
        DocumentTextExtractors.For("text/markdown").Extract(ExtractionFixtures.Utf8(ExtractionFixtures.Markdown));

    [Fact]
    public void Headings_title_the_blocks_below_them_and_are_not_repeated_as_blocks()
    {
        Assert.Equal(
            [
                "-: Before any heading.",
                "Intake Guide: Intake keeps jobs exactly once. See the docs and https://example.org.",
                "Install: Install the SDK",
                "Install: Run ./run.sh",
                "Install: nested item",
                "Install: ./run.sh --port 8080\necho done",
                "Install: Quoted text here.",
                "Install: Name | Value",
                "Install: a | 1",
                "Install: Text with \u00A9 entity, diagram image and inline html.",
                "Install: Last paragraph with a soft break.",
            ],
            BlockAssertions.Outline(Document));
    }

    [Fact]
    public void Front_matter_link_targets_and_reference_definitions_are_not_text()
    {
        BlockAssertions.AssertNoJunk(Document);
        BlockAssertions.AssertNormalised(Document);
        Assert.Equal(0, Document.PageCount);
    }

    [Fact]
    public void A_document_of_headings_only_keeps_its_headings_as_text()
    {
        var document = DocumentTextExtractors.For("text/markdown").Extract(ExtractionFixtures.Utf8("# Only\n\n## Headings\n"));

        Assert.Equal(["Only: Only", "Headings: Headings"], BlockAssertions.Outline(document));
    }
}
