using System.Text;
using Markdig.Syntax.Inlines;

namespace Intake.Workers.Documents.Extraction.Markdown;

/// <summary>
/// The visible text of Markdown inlines: emphasis unwrapped, links and images reduced to their
/// text (alt text for images), code spans kept, raw HTML tags dropped, entities decoded.
/// </summary>
internal static class MarkdownInlineText
{
    public static string Of(ContainerInline? inline)
    {
        var text = new StringBuilder();
        if (inline is not null)
        {
            Append(inline, text);
        }

        return text.ToString();
    }

    private static void Append(Inline inline, StringBuilder text)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.AsSpan());
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case LineBreakInline:
                text.Append(' ');
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(child, text);
                }

                break;
        }
    }
}
