using Intake.Workers.Documents.Extraction;

namespace Intake.UnitTests.Extraction;

public sealed class DocumentTextExtractorsTests
{
    public static TheoryData<string> TextContentTypes => ["text/plain", "text/markdown", "text/html"];

    [Theory]
    [InlineData("text/plain")]
    [InlineData("TEXT/Markdown")]
    [InlineData("text/x-markdown")]
    [InlineData("text/html; charset=UTF-8")]
    [InlineData("text/plain; charset=\"us-ascii\"")]
    [InlineData("application/pdf")]
    public void Supported_content_types_have_an_extractor(string contentType)
    {
        Assert.True(DocumentTextExtractors.TryFor(contentType, out _));
        Assert.NotNull(DocumentTextExtractors.For(contentType));
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("application/msword")]
    [InlineData("text/plain; charset=iso-8859-1")]
    [InlineData("")]
    [InlineData("not a media type")]
    public void Other_content_types_are_unsupported(string contentType)
    {
        var error = Assert.Throws<DocumentExtractionException>(() => DocumentTextExtractors.For(contentType));

        Assert.Equal(DocumentExtractionErrorCodes.UnsupportedContentType, error.Code);
    }

    [Theory]
    [MemberData(nameof(TextContentTypes))]
    public void Invalid_utf8_is_a_corrupt_document(string contentType)
    {
        byte[] invalid = [(byte)'o', (byte)'k', 0xC3, 0x28, 0xFF];

        AssertFails(contentType, invalid, DocumentExtractionErrorCodes.CorruptDocument);
    }

    [Theory]
    [MemberData(nameof(TextContentTypes))]
    public void Whitespace_only_text_is_an_empty_document(string contentType) =>
        AssertFails(contentType, ExtractionFixtures.Utf8(" \r\n\t\r\n \u00A0 "), DocumentExtractionErrorCodes.EmptyDocument);

    [Fact]
    public void Random_bytes_are_not_a_pdf() =>
        AssertFails("application/pdf", RandomBytes(4096, seed: 1), DocumentExtractionErrorCodes.CorruptDocument);

    [Fact]
    public void A_pdf_header_followed_by_garbage_is_corrupt()
    {
        var bytes = ExtractionFixtures.Utf8("%PDF-1.7\n").Concat(RandomBytes(4096, seed: 2)).ToArray();

        AssertFails("application/pdf", bytes, DocumentExtractionErrorCodes.CorruptDocument);
    }

    [Fact]
    public void A_truncated_pdf_is_corrupt()
    {
        var pdf = ExtractionFixtures.ThreePagePdf();

        AssertFails("application/pdf", pdf[..(pdf.Length / 2)], DocumentExtractionErrorCodes.CorruptDocument);
    }

    [Fact]
    public void An_empty_pdf_file_is_corrupt() =>
        AssertFails("application/pdf", [], DocumentExtractionErrorCodes.CorruptDocument);

    /// <summary>Damage anywhere must surface as a corrupt document, never as a library exception.</summary>
    [Fact]
    public void A_pdf_with_bytes_flipped_fails_cleanly_or_extracts()
    {
        var pdf = ExtractionFixtures.ThreePagePdf();
        var random = new Random(3);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var damaged = (byte[])pdf.Clone();
            for (var flip = 0; flip < 5; flip++)
            {
                damaged[random.Next(16, damaged.Length)] = (byte)random.Next(256);
            }

            try
            {
                DocumentTextExtractors.For("application/pdf").Extract(damaged);
            }
            catch (DocumentExtractionException error)
            {
                Assert.Contains(error.Code, new[] { DocumentExtractionErrorCodes.CorruptDocument, DocumentExtractionErrorCodes.EmptyDocument });
            }
        }
    }

    private static void AssertFails(string contentType, byte[] content, string code)
    {
        var error = Assert.Throws<DocumentExtractionException>(() => DocumentTextExtractors.For(contentType).Extract(content));

        Assert.Equal(code, error.Code);
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
