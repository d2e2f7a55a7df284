using Intake.Workers.Documents.Tokens;

namespace Intake.UnitTests.Extraction;

/// <summary>Checks shared by the chunker tests, all measured with the real tokenizer.</summary>
internal static class ChunkAssertions
{
    /// <summary>Ordinals in order, no empty chunk, TokenCount is the real count and within the limit, well-formed UTF-16.</summary>
    public static void AssertWithinLimit(IReadOnlyList<TokenChunk> chunks, int maxTokens)
    {
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            Assert.Equal(i, chunk.Ordinal);
            Assert.NotEqual("", chunk.Content.Trim());
            Assert.Equal(Cl100kTokenizer.CountTokens(chunk.Content), chunk.TokenCount);
            Assert.True(chunk.TokenCount <= maxTokens, $"chunk {i} has {chunk.TokenCount} tokens > {maxTokens}");
            Assert.True(IsWellFormedUtf16(chunk.Content), $"chunk {i} splits a surrogate pair");
        }
    }

    /// <summary>How many leading words of <paramref name="next"/> repeat the trailing words of <paramref name="previous"/>.</summary>
    public static int OverlapWords(TokenChunk previous, TokenChunk next)
    {
        var before = Words(previous.Content);
        var after = Words(next.Content);
        for (var count = Math.Min(before.Length, after.Length - 1); count > 0; count--)
        {
            if (before.AsSpan(before.Length - count).SequenceEqual(after.AsSpan(0, count)))
            {
                return count;
            }
        }

        return 0;
    }

    /// <summary>The real token count of the first <paramref name="words"/> words of a chunk, as they appear in it.</summary>
    public static int TokensOfLeadingWords(TokenChunk chunk, int words)
    {
        var end = 0;
        for (var word = 0; word < words; word++)
        {
            while (char.IsWhiteSpace(chunk.Content[end]))
            {
                end++;
            }

            while (end < chunk.Content.Length && !char.IsWhiteSpace(chunk.Content[end]))
            {
                end++;
            }
        }

        return Cl100kTokenizer.CountTokens(chunk.Content[..end]);
    }

    /// <summary>
    /// The words of all chunks with each chunk's overlap with the one before removed. Without
    /// overlap nothing is removed: a word that merely repeats across a boundary is not an overlap.
    /// </summary>
    public static List<string> WordsWithoutOverlap(IReadOnlyList<TokenChunk> chunks, bool overlapping)
    {
        var words = new List<string>();
        for (var i = 0; i < chunks.Count; i++)
        {
            var skip = i == 0 || !overlapping ? 0 : OverlapWords(chunks[i - 1], chunks[i]);
            words.AddRange(Words(chunks[i].Content).Skip(skip));
        }

        return words;
    }

    public static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    public static string WithoutWhitespace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
