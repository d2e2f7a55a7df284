namespace Intake.Workers.Datasets;

/// <summary>
/// Writes the question a passage answers, best source first: a definitional sentence in it
/// ("A lease is a …" → "what is a lease?"), else its section heading, else its opening words.
/// Every question names the document, so examples from different documents stay distinct.
/// </summary>
public static class QuestionWriter
{
    public static string For(SourceChunk chunk)
    {
        if (FindDefinition(chunk.Content) is var (term, verb))
        {
            return $"In \"{chunk.DocumentName}\", what {verb} {Lower(term)}?";
        }

        if (!string.IsNullOrWhiteSpace(chunk.SectionTitle))
        {
            return $"In \"{chunk.DocumentName}\", what does the section \"{chunk.SectionTitle.Trim()}\" say?";
        }

        var opening = string.Join(' ', chunk.Content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(8));
        return $"In \"{chunk.DocumentName}\", what does the passage beginning \"{opening}\" say?";
    }

    /// <summary>
    /// The first sentence shaped "[A|An|The] Term is|are a|an|the …" with a capitalised term of at
    /// most six words. A single linear scan over words (no regex: chunks can be long, and a
    /// backtracking pattern over them is slow).
    /// </summary>
    private static (string Term, string Verb)? FindDefinition(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var sentenceStart = 0;
        for (var i = 0; i < words.Length; i++)
        {
            var isVerb = words[i] is "is" or "are";
            var termLength = i - sentenceStart;
            if (isVerb && termLength is >= 1 and <= 7 && i + 1 < words.Length && words[i + 1] is "a" or "an" or "the"
                && IsTerm(words.AsSpan(sentenceStart, termLength)))
            {
                return (string.Join(' ', words, sentenceStart, termLength), words[i]);
            }

            if (words[i][^1] is '.' or '!' or '?')
            {
                sentenceStart = i + 1;
            }
        }

        return null;
    }

    /// <summary>A sentence-initial article or capitalised word, then plain words: at most six besides the article.</summary>
    private static bool IsTerm(ReadOnlySpan<string> words)
    {
        var startsWithArticle = words[0] is "A" or "An" or "The";
        if (!startsWithArticle && !char.IsUpper(words[0][0]))
        {
            return false;
        }

        if (startsWithArticle)
        {
            words = words[1..];
        }

        if (words.Length is 0 or > 6)
        {
            return false;
        }

        foreach (var word in words)
        {
            if (!word.All(c => char.IsLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    // The sentence-initial capital goes ("A tide" → "a tide", "Tides" → "tides"); acronyms and
    // proper nouns after an article stay as written ("The NATO treaty" → "the NATO treaty").
    private static string Lower(string term)
    {
        var space = term.IndexOf(' ');
        var first = space < 0 ? term : term[..space];
        var isArticle = first is "A" or "An" or "The";
        return isArticle || (first.Length > 1 && char.IsLower(first[1]))
            ? char.ToLowerInvariant(term[0]) + term[1..]
            : term;
    }
}
