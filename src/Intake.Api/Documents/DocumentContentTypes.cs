namespace Intake.Api.Documents;

/// <summary>The document types the pipeline extracts text from, and how a file name hints at one.</summary>
public static class DocumentContentTypes
{
    public const string PlainText = "text/plain";
    public const string Markdown = "text/markdown";
    public const string Html = "text/html";
    public const string Pdf = "application/pdf";

    /// <summary>JSON uploads carry text, so only the text types.</summary>
    public static readonly IReadOnlyList<string> Text = [PlainText, Markdown, Html];

    public static readonly IReadOnlyList<string> All = [PlainText, Markdown, Html, Pdf];

    /// <summary>
    /// The declared type when it is one we know, else a guess from the extension (curl -F sends
    /// application/octet-stream for most files), else the declared type as it is: an unsupported
    /// file is accepted and its processing job fails with `unsupported-content-type`.
    /// </summary>
    public static string Resolve(string? declared, string fileName)
    {
        var type = declared?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is not null && All.Contains(type))
        {
            return type;
        }

        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".txt" or ".text" => PlainText,
            ".md" or ".markdown" => Markdown,
            ".html" or ".htm" => Html,
            ".pdf" => Pdf,
            _ => string.IsNullOrEmpty(type) ? "application/octet-stream" : type,
        };
    }
}
