using Intake.Workers.Documents.Extraction;

namespace Intake.UnitTests.Extraction;

public sealed class PlainTextExtractorTests
{
    private static ExtractedDocument Extract(string text) =>
        DocumentTextExtractors.For("text/plain").Extract(ExtractionFixtures.Utf8(text));

    [Fact]
    public void Paragraphs_split_on_blank_lines_with_whitespace_collapsed_and_accents_composed()
    {
        var document = Extract(ExtractionFixtures.PlainText);

        Assert.Equal(
            ["Caf\u00E9 cr\u00E8me br\u00FBl\u00E9e", "Second para graph", "Hangul \uAC01 jamo"],
            document.Blocks.Select(block => block.Text));
        Assert.All(document.Blocks, block => Assert.Null(block.SectionTitle));
        Assert.All(document.Blocks, block => Assert.Null(block.Page));
        Assert.Equal(0, document.PageCount);
        BlockAssertions.AssertNormalised(document);
    }

    [Fact]
    public void A_byte_order_mark_is_not_text()
    {
        var document = DocumentTextExtractors.For("text/plain").Extract(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'h', (byte)'i' });

        Assert.Equal("hi", Assert.Single(document.Blocks).Text);
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_is_decoded()
    {
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(System.Text.Encoding.Unicode.GetBytes("h\u00E9llo")).ToArray();

        Assert.Equal("h\u00E9llo", Assert.Single(DocumentTextExtractors.For("text/plain").Extract(bytes).Blocks).Text);
    }

    [Fact]
    public void Invisible_characters_are_dropped_but_emoji_joiners_kept()
    {
        var family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
        var document = Extract($"soft\u00ADhyphen zero\u200Bwidth nul\0char {family}");

        Assert.Equal($"softhyphen zerowidth nulchar {family}", Assert.Single(document.Blocks).Text);
    }
}
