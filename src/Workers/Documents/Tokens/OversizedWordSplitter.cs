using Microsoft.ML.Tokenizers;

namespace Intake.Workers.Documents.Tokens;

/// <summary>
/// Cuts a word that cannot fit in a chunk (or is too long to tokenise cheaply) into pieces of at
/// most maxTokens tokens each, counted on the piece alone. Pieces end after a sentence or clause
/// terminator in their second half when there is one (text written without spaces, such as
/// Chinese), else where the token budget runs out; never inside a surrogate pair.
/// </summary>
internal static class OversizedWordSplitter
{
    /// <summary>
    /// Byte-pair encoding a run without whitespace takes time that grows with the square of its
    /// length (16 KB costs about 10 times as much per character as 1 KB), so long words are
    /// tokenised at most this many characters at a time.
    /// </summary>
    public const int MaxCharactersPerCount = 1024;

    /// <summary>A window holds maxTokens tokens of almost any text; a smaller piece is still a valid piece.</summary>
    private const int CharactersPerTokenAllowance = 8;
    private const string Terminators = ".!?\u3002\uFF01\uFF1F\uFF1B;";

    /// <summary>The pieces of text[start..end), each with its exact token count when counted alone.</summary>
    public static List<(int Start, int End, int Tokens)> Split(string text, int start, int end, int maxTokens, Tokenizer tokenizer)
    {
        var window = Math.Min(MaxCharactersPerCount, maxTokens * CharactersPerTokenAllowance);
        var pieces = new List<(int, int, int)>();
        var position = start;
        while (position < end)
        {
            var windowEnd = Math.Min(end, position + window);
            if (windowEnd < end && char.IsHighSurrogate(text[windowEnd - 1]))
            {
                windowEnd--;
            }

            var (cut, tokens) = NextCut(text, position, windowEnd, maxTokens, tokenizer);
            pieces.Add((position, cut, tokens));
            position = cut;
        }

        return pieces;
    }

    private static (int Cut, int Tokens) NextCut(string text, int start, int windowEnd, int maxTokens, Tokenizer tokenizer)
    {
        var target = maxTokens;
        while (true)
        {
            var window = text.AsSpan(start, windowEnd - start);
            var length = tokenizer.GetIndexByTokenCount(window, target, out _, out var windowTokens);
            if (length == window.Length)
            {
                // The whole window fits, and it was counted on its own: the count is exact.
                return (windowEnd, windowTokens);
            }

            // Not even the first character fits the target: take one scalar, which is at most 4
            // tokens (maxTokens is at least TokenChunker.MinimumMaxTokens).
            var cut = length == 0
                ? start + (char.IsHighSurrogate(text[start]) && start + 1 < windowEnd ? 2 : 1)
                : PreferTerminator(text, start, start + length);
            var tokens = tokenizer.CountTokens(text.AsSpan(start, cut - start));
            if (tokens <= maxTokens || target == 1)
            {
                return (cut, tokens);
            }

            // Counted alone, a prefix can take a few more tokens than it did inside the window.
            target = Math.Max(1, target - (tokens - maxTokens));
        }
    }

    private static int PreferTerminator(string text, int start, int cut)
    {
        var searchFrom = start + ((cut - start) / 2);
        var terminator = text.AsSpan(searchFrom, cut - searchFrom).LastIndexOfAny(Terminators);
        return terminator < 0 ? cut : searchFrom + terminator + 1;
    }
}
