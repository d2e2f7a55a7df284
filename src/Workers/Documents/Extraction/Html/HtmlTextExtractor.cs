namespace Intake.Workers.Documents.Extraction.Html;

/// <summary>text/html, parsed with AngleSharp as a browser would; see <see cref="HtmlBlockWalker"/> for what becomes text.</summary>
internal sealed class HtmlTextExtractor : IDocumentTextExtractor
{
    public static HtmlTextExtractor Instance { get; } = new();

    public ExtractedDocument Extract(ReadOnlyMemory<byte> content)
    {
        var builder = new ExtractedDocumentBuilder();
        HtmlBlockWalker.Add(TextDecoder.Decode(content), builder);
        return builder.Build(pageCount: 0);
    }
}
