using System.Text;

namespace Intake.Workers.Documents.Extraction.Pdf;

/// <summary>
/// Joins the lines of a PDF text block into one paragraph. A word hyphenated across a line break
/// ("infor-" then "mation") is rejoined when the next line starts in lower case; otherwise lines
/// are joined with a space.
/// </summary>
internal static class PdfLineJoiner
{
    public static string Join(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var rawLine in lines)
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (text.Length > 0 && EndsWithBrokenWord(text) && char.IsLower(line[0]))
            {
                text.Length--;
            }
            else if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(line);
        }

        return text.ToString();
    }

    private static bool EndsWithBrokenWord(StringBuilder text) =>
        text.Length >= 2 && text[^1] is '-' or '\u00AD' && char.IsLetter(text[^2]);
}
