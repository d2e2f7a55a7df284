using Intake.Workers.Documents.Extraction.Html;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace Intake.Workers.Documents.Extraction.Markdown;

/// <summary>
/// text/markdown, parsed with Markdig (CommonMark plus pipe tables and YAML front matter, which is
/// skipped). Headings title the blocks after them; paragraphs, list items and table rows become
/// blocks; code blocks keep their lines; raw HTML blocks go through the HTML extractor's rules.
/// </summary>
internal sealed class MarkdownTextExtractor : IDocumentTextExtractor
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .Build();

    public static MarkdownTextExtractor Instance { get; } = new();

    public ExtractedDocument Extract(ReadOnlyMemory<byte> content)
    {
        var text = TextDecoder.Decode(content);
        var builder = new ExtractedDocumentBuilder();
        AddBlocks(Markdig.Markdown.Parse(text, Pipeline), builder);
        return builder.Build(pageCount: 0);
    }

    private static void AddBlocks(ContainerBlock container, ExtractedDocumentBuilder builder)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case YamlFrontMatterBlock or LinkReferenceDefinitionGroup or ThematicBreakBlock:
                    break;
                case HeadingBlock heading:
                    builder.StartSection(MarkdownInlineText.Of(heading.Inline));
                    break;
                case CodeBlock code:
                    // Fenced and indented code; the fence and its info string are not text.
                    builder.AddPreformatted(code.Lines.ToString());
                    break;
                case HtmlBlock html:
                    HtmlBlockWalker.Add(html.Lines.ToString(), builder);
                    break;
                case Table table:
                    AddTable(table, builder);
                    break;
                case ContainerBlock nested:
                    AddBlocks(nested, builder);
                    break;
                case LeafBlock leaf:
                    builder.AddParagraph(leaf.Inline is null ? leaf.Lines.ToString() : MarkdownInlineText.Of(leaf.Inline));
                    break;
            }
        }
    }

    /// <summary>One block per row, cells separated by " | ", so a row stays readable as a line.</summary>
    private static void AddTable(Table table, ExtractedDocumentBuilder builder)
    {
        foreach (var row in table.OfType<TableRow>())
        {
            var cells = row.OfType<TableCell>()
                .Select(cell => string.Join(' ', cell.OfType<LeafBlock>().Select(leaf => MarkdownInlineText.Of(leaf.Inline))));
            builder.AddParagraph(string.Join(" | ", cells));
        }
    }
}
