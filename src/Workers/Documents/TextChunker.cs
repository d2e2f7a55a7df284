namespace Intake.Workers.Documents;

/// <summary>
/// Splits text into chunks of at most <c>size</c> characters, each starting <c>overlap</c>
/// characters before the previous one ended. A chunk ends at the best boundary in the second half
/// of its window: a paragraph break, else a sentence end, else whitespace, else a hard cut (never
/// inside a surrogate pair). Chunks are trimmed of surrounding whitespace.
/// </summary>
public static class TextChunker
{
    public static IReadOnlyList<TextChunk> Split(string text, int size, int overlap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(overlap);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(overlap, size / 2);

        var chunks = new List<TextChunk>();
        var start = SkipWhitespace(text, 0);
        while (start < text.Length)
        {
            var end = Math.Min(start + size, text.Length);
            if (end < text.Length)
            {
                end = FindBoundary(text, start + (size / 2), end);
            }

            var (from, to) = Trim(text, start, end);
            if (to > from)
            {
                chunks.Add(new TextChunk(chunks.Count, text[from..to], from));
            }

            if (end >= text.Length)
            {
                break;
            }

            // Step back by the overlap, then forward to the start of a word; always make progress.
            var next = Math.Max(end - overlap, start + 1);
            start = SkipWhitespace(text, StartOfWord(text, next, end));
        }

        return chunks;
    }

    /// <summary>
    /// The best end for a chunk in (earliest, end]: the chunk is text[start..result). A boundary
    /// exactly at <paramref name="end"/> counts (the window may end right after a full stop).
    /// Called only when end &lt; text.Length, so text[end] exists.
    /// </summary>
    private static int FindBoundary(string text, int earliest, int end)
    {
        for (var i = end - 1; i > earliest; i--)
        {
            if (text[i] == '\n' && IsBlankLineBefore(text, i))
            {
                return i + 1;
            }
        }

        for (var i = end; i > earliest; i--)
        {
            if (text[i - 1] is '.' or '!' or '?' && char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        for (var i = end; i > earliest; i--)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return char.IsLowSurrogate(text[end]) ? end - 1 : end;
    }

    /// <summary>Whether the line ending at <paramref name="newline"/> follows an empty line (\n\n, \r\n\r\n, blanks between).</summary>
    private static bool IsBlankLineBefore(string text, int newline)
    {
        for (var j = newline - 1; j >= 0; j--)
        {
            if (text[j] == '\n')
            {
                return true;
            }

            if (text[j] is not ('\r' or ' ' or '\t'))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The first word start at or after <paramref name="position"/>, so chunks do not begin
    /// mid-word. If the rest of the window is one word, the next chunk starts at the window's end
    /// (no overlap this time) rather than inside that word.
    /// </summary>
    private static int StartOfWord(string text, int position, int limit)
    {
        if (position == 0 || char.IsWhiteSpace(text[position - 1]))
        {
            return position;
        }

        var i = position;
        while (i < limit && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int SkipWhitespace(string text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return position;
    }

    private static (int From, int To) Trim(string text, int from, int to)
    {
        while (from < to && char.IsWhiteSpace(text[from]))
        {
            from++;
        }

        while (to > from && char.IsWhiteSpace(text[to - 1]))
        {
            to--;
        }

        return (from, to);
    }
}
