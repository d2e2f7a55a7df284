using System.Text;

namespace Intake.Workers.Documents.Extraction.Normalization;

/// <summary>
/// The one place extracted text is cleaned: invisible characters dropped, whitespace collapsed,
/// then NFC. Prose becomes a single line; preformatted text (code) keeps its line breaks.
/// </summary>
internal static class TextNormalizer
{
    /// <summary>All whitespace runs, line breaks included, become one space; trimmed.</summary>
    public static string Prose(string raw) => UnicodeNfc.Normalize(Collapse(raw, keepLineBreaks: false));

    /// <summary>Lines kept (\r\n and \r become \n), spaces collapsed within each line, blank lines dropped.</summary>
    public static string Preformatted(string raw) => UnicodeNfc.Normalize(Collapse(raw, keepLineBreaks: true));

    private static string Collapse(string raw, bool keepLineBreaks)
    {
        var builder = new StringBuilder(raw.Length);
        var pendingSpace = false;
        var pendingLineBreak = false;
        foreach (var c in raw)
        {
            if (IsLineBreak(c) && keepLineBreaks)
            {
                pendingLineBreak = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
            }
            else if (!IsInvisible(c))
            {
                if (builder.Length > 0 && (pendingLineBreak || pendingSpace))
                {
                    builder.Append(pendingLineBreak ? '\n' : ' ');
                }

                pendingSpace = false;
                pendingLineBreak = false;
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085';

    /// <summary>
    /// Characters that carry no text: controls (NUL is common in PDF text), the soft hyphen, zero-width
    /// space, word joiner and byte-order mark. Joiners used by emoji sequences (U+200D) stay.
    /// </summary>
    private static bool IsInvisible(char c) =>
        char.IsControl(c) || c is '\u00AD' or '\u200B' or '\u2060' or '\uFEFF';
}
