using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using Intake.Workers.Documents.Extraction.Html;
using Intake.Workers.Documents.Extraction.Markdown;
using Intake.Workers.Documents.Extraction.Pdf;
using Intake.Workers.Documents.Extraction.PlainText;

namespace Intake.Workers.Documents.Extraction;

/// <summary>
/// The extractor for a content type. Parameters are ignored except a charset, which must be UTF-8
/// (or its subset US-ASCII) for the text types, as those are the bytes the API stores.
/// </summary>
public static class DocumentTextExtractors
{
    private static readonly Dictionary<string, IDocumentTextExtractor> ByMediaType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text/plain"] = PlainTextExtractor.Instance,
        ["text/markdown"] = MarkdownTextExtractor.Instance,
        ["text/x-markdown"] = MarkdownTextExtractor.Instance,
        ["text/html"] = HtmlTextExtractor.Instance,
        ["application/pdf"] = PdfTextExtractor.Instance,
    };

    private static readonly HashSet<string> SupportedCharsets = new(StringComparer.OrdinalIgnoreCase) { "utf-8", "utf8", "us-ascii" };

    public static IReadOnlyCollection<string> SupportedMediaTypes { get; } = ByMediaType.Keys.ToArray();

    /// <exception cref="DocumentExtractionException"><c>unsupported-content-type</c>.</exception>
    public static IDocumentTextExtractor For(string contentType) =>
        TryFor(contentType, out var extractor)
            ? extractor
            : throw new DocumentExtractionException(
                DocumentExtractionErrorCodes.UnsupportedContentType,
                $"Content type '{contentType}' is not supported; supported: {string.Join(", ", SupportedMediaTypes)}.");

    public static bool TryFor(string? contentType, [NotNullWhen(true)] out IDocumentTextExtractor? extractor)
    {
        extractor = null;
        return MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && parsed.MediaType is not null
            && (parsed.CharSet is null || SupportedCharsets.Contains(parsed.CharSet.Trim('"')))
            && ByMediaType.TryGetValue(parsed.MediaType, out extractor);
    }
}
