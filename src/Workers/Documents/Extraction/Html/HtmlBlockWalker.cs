using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Intake.Workers.Documents.Extraction.Html;

/// <summary>
/// Walks parsed HTML in document order. Page furniture and non-text elements are removed first;
/// h1–h6 title what follows; block elements end the current paragraph; table rows become one
/// block with cells separated by " | "; pre keeps its lines. The parser decodes entities.
/// </summary>
internal sealed class HtmlBlockWalker
{
    /// <summary>
    /// Code, navigation, boilerplate and non-text content, plus anything marked hidden. Every
    /// &lt;header&gt; goes, although an article's own header may hold its title: page banners are far
    /// more common, and the article's h1 usually sits outside it.
    /// </summary>
    private const string RemovedElements =
        "script, style, noscript, nav, header, footer, aside, form, template, svg, canvas, iframe, object, embed, [hidden]";

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div", "dl",
        "dt", "fieldset", "figcaption", "figure", "hgroup", "hr", "legend", "li", "main", "menu", "ol", "p",
        "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "ul",
    };

    private readonly ExtractedDocumentBuilder builder;
    private readonly StringBuilder paragraph = new();

    private HtmlBlockWalker(ExtractedDocumentBuilder builder) => this.builder = builder;

    /// <summary>Adds the blocks of an HTML document, or of a snippet (a Markdown HTML block).</summary>
    public static void Add(string html, ExtractedDocumentBuilder builder)
    {
        // A parser per call: it holds a browsing context, which is not documented as thread-safe.
        using var document = new HtmlParser().ParseDocument(html);
        Walk(document.Body ?? document.DocumentElement, builder);
    }

    private static void Walk(IElement? root, ExtractedDocumentBuilder builder)
    {
        if (root is null)
        {
            return;
        }

        foreach (var element in root.QuerySelectorAll(RemovedElements).ToArray())
        {
            element.Remove();
        }

        var walker = new HtmlBlockWalker(builder);
        walker.AddChildren(root);
        walker.EndParagraph();
    }

    private void AddChildren(INode node)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    paragraph.Append(text.Data);
                    break;
                case IElement element:
                    AddElement(element);
                    break;
            }
        }
    }

    private void AddElement(IElement element)
    {
        switch (element.LocalName)
        {
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                EndParagraph();
                builder.StartSection(element.TextContent);
                break;
            case "pre":
                EndParagraph();
                builder.AddPreformatted(element.TextContent);
                break;
            case "tr":
                EndParagraph();
                builder.AddParagraph(string.Join(" | ", element.Children.Where(IsCell).Select(cell => cell.TextContent)));
                break;
            case "br":
                paragraph.Append(' ');
                break;
            case var name when BlockElements.Contains(name):
                EndParagraph();
                AddChildren(element);
                EndParagraph();
                break;
            default:
                AddChildren(element);
                break;
        }
    }

    private static bool IsCell(IElement element) => element.LocalName is "td" or "th";

    private void EndParagraph()
    {
        builder.AddParagraph(paragraph.ToString());
        paragraph.Clear();
    }
}
