using Intake.Workers.Documents.Extraction;

namespace Intake.UnitTests.Extraction;

/// <summary>What every extracted block must look like, whatever the format.</summary>
internal static class BlockAssertions
{
    public static void AssertNormalised(ExtractedDocument document)
    {
        Assert.NotEmpty(document.Blocks);
        foreach (var block in document.Blocks)
        {
            AssertNormalised(block.Text, allowLineBreaks: true);
            if (block.SectionTitle is not null)
            {
                AssertNormalised(block.SectionTitle, allowLineBreaks: false);
            }
        }
    }

    public static void AssertNormalised(string text, bool allowLineBreaks)
    {
        Assert.NotEqual("", text);
        Assert.Equal(text.Trim(), text);
        Assert.DoesNotContain("  ", text);
        Assert.DoesNotContain('\r', text);
        Assert.DoesNotContain('\t', text);
        Assert.DoesNotContain("\n\n", text);
        Assert.DoesNotContain(" \n", text);
        Assert.DoesNotContain("\n ", text);
        if (!allowLineBreaks)
        {
            Assert.DoesNotContain('\n', text);
        }
    }

    public static void AssertNoJunk(ExtractedDocument document)
    {
        foreach (var block in document.Blocks)
        {
            Assert.DoesNotContain("junk", block.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("junk", block.SectionTitle ?? "", StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The blocks as "title: text" lines, which makes failures easy to read.</summary>
    public static string[] Outline(ExtractedDocument document) =>
        document.Blocks.Select(block => $"{block.SectionTitle ?? "-"}: {block.Text}").ToArray();
}
