namespace Intake.Workers.Documents.Extraction.PlainText;

/// <summary>
/// text/plain: paragraphs are separated by blank (or whitespace-only) lines; the lines of a
/// paragraph are joined, since plain text is usually hard-wrapped prose.
/// </summary>
internal sealed class PlainTextExtractor : IDocumentTextExtractor
{
    public static PlainTextExtractor Instance { get; } = new();

    public ExtractedDocument Extract(ReadOnlyMemory<byte> content)
    {
        var text = TextDecoder.Decode(content);
        var builder = new ExtractedDocumentBuilder();
        var paragraph = new List<string>();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                Flush(builder, paragraph);
            }
            else
            {
                paragraph.Add(line);
            }
        }

        Flush(builder, paragraph);
        return builder.Build(pageCount: 0);
    }

    private static void Flush(ExtractedDocumentBuilder builder, List<string> paragraph)
    {
        if (paragraph.Count > 0)
        {
            builder.AddParagraph(string.Join(' ', paragraph));
            paragraph.Clear();
        }
    }
}
