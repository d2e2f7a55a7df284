using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Intake.UnitTests.Extraction;

/// <summary>Documents built in code, so the tests carry no binary fixtures.</summary>
internal static class ExtractionFixtures
{
    public const string HyphenatedLineEnd = "Extraction keeps infor-";
    public const string HyphenatedLineStart = "mation whole across lines.";

    /// <summary>
    /// Three A4 pages in Helvetica: page 1 has an 18 pt heading "Introduction" and two 11 pt
    /// paragraphs of three lines; page 2 has two paragraphs and no heading; page 3 has the heading
    /// "Results" and one paragraph whose first line ends in a hyphenated word.
    /// </summary>
    public static byte[] ThreePagePdf()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);

        var first = builder.AddPage(PageSize.A4);
        first.AddText("Introduction", 18, new PdfPoint(50, 780), font);
        AddParagraphs(first, font, pageNumber: 1, top: 740, paragraphs: 2);

        var second = builder.AddPage(PageSize.A4);
        AddParagraphs(second, font, pageNumber: 2, top: 780, paragraphs: 2);

        var third = builder.AddPage(PageSize.A4);
        third.AddText("Results", 18, new PdfPoint(50, 780), font);
        third.AddText(HyphenatedLineEnd, 11, new PdfPoint(50, 740), font);
        third.AddText(HyphenatedLineStart, 11, new PdfPoint(50, 726), font);
        return builder.Build();
    }

    /// <summary>The text PdfLine(page, paragraph, line) puts on a page of <see cref="ThreePagePdf"/>.</summary>
    public static string PdfLine(int page, int paragraph, int line) => $"Page {page} paragraph {paragraph} line {line} reads well.";

    public static byte[] BlankPagesPdf(int pages)
    {
        var builder = new PdfDocumentBuilder();
        for (var i = 0; i < pages; i++)
        {
            builder.AddPage(PageSize.A4);
        }

        return builder.Build();
    }

    public const string Html = """
        <!DOCTYPE html>
        <html>
        <head>
          <title>Title junk</title>
          <style>body { color: red; } /* style junk */</style>
          <script>var junk = "script junk";</script>
        </head>
        <body>
          <header><div class="logo">Header junk</div></header>
          <nav><ul><li><a href="/">Nav junk</a></li></ul></nav>
          <main>
            <p>Before any heading.</p>
            <h1>Getting   Started</h1>
            <p>Intake keeps jobs <b>exactly</b> once &amp; retries&nbsp;&mdash; safely.</p>
            <p>Second   paragraph
               spans lines.</p>
            <noscript>Noscript junk</noscript>
            <h2>Details</h2>
            <ul><li>First item</li><li>Second <a href="/x">item</a></li></ul>
            <div>Loose text<div>nested block</div>tail</div>
            <table><tr><th>Key</th><th>Value</th></tr><tr><td>a</td><td>1</td></tr></table>
            <pre>line one
               line two</pre>
            <form><label>Form junk</label><input value="x"></form>
            <aside>Aside junk</aside>
            <template><p>Template junk</p></template>
            <p hidden>Hidden junk</p>
          </main>
          <footer>Footer junk</footer>
          <script>document.write("more script junk");</script>
        </body>
        </html>
        """;

    public const string Markdown = """
        ---
        title: Front matter junk
        ---
        Before any heading.

        # Intake   Guide

        Intake keeps jobs *exactly* once. See [the docs](https://example.com/junk-url) and <https://example.org>.

        ## Install

        1. Install the SDK
        2. Run `./run.sh`
           - nested item

        ```bash
        ./run.sh --port   8080
        echo done
        ```

        > Quoted text here.

        | Name | Value |
        |------|-------|
        | a    | 1     |

        Text with &copy; entity, ![diagram](junk.png) image and <span class="junk">inline html</span>.

        ***

        Last paragraph
        with a soft break.

        [ref]: https://example.com/reference-junk
        """;

    /// <summary>Windows line endings, runs of blanks, and accents written decomposed (NFD).</summary>
    public const string PlainText =
        "  Cafe\u0301 cre\u0300me\r\n  bru\u0302le\u0301e  \r\n\r\n\r\nSecond   para\tgraph\r\n   \r\nHangul \u1100\u1161\u11A8 jamo\n";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Three 11 pt lines per paragraph, 14 pt apart, with an extra 14 pt between paragraphs.</summary>
    private static void AddParagraphs(PdfPageBuilder builder, PdfDocumentBuilder.AddedFont font, int pageNumber, double top, int paragraphs)
    {
        var y = top;
        for (var paragraph = 0; paragraph < paragraphs; paragraph++)
        {
            for (var line = 0; line < 3; line++)
            {
                builder.AddText(PdfLine(pageNumber, paragraph, line), 11, new PdfPoint(50, y), font);
                y -= 14;
            }

            y -= 14;
        }
    }
}
