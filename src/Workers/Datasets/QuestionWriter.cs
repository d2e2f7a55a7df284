using System.Text.RegularExpressions;

namespace Intake.Workers.Datasets;

/// <summary>
/// Writes the question a passage answers, best source first: a definitional sentence in it
/// ("A lease is a …" → "what is a lease?"), else its section heading, else its opening words.
/// Every question names the document, so examples from different documents stay distinct.
/// </summary>
public static partial class QuestionWriter
{
    public static string For(SourceChunk chunk)
    {
        if (Definition().Match(chunk.Content) is { Success: true } definition)
        {
            var term = definition.Groups["term"].Value.Trim();
            return $"In \"{chunk.DocumentName}\", what {definition.Groups["verb"].Value} {Lower(term)}?";
        }

        if (!string.IsNullOrWhiteSpace(chunk.SectionTitle))
        {
            return $"In \"{chunk.DocumentName}\", what does the section \"{chunk.SectionTitle.Trim()}\" say?";
        }

        var opening = string.Join(' ', chunk.Content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(8));
        return $"In \"{chunk.DocumentName}\", what does the passage beginning \"{opening}\" say?";
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

    /// <summary>A sentence that opens with "[A|An|The] Term is|are a|an|the …", the term at most six words.</summary>
    [GeneratedRegex(@"(?:^|(?<=[.!?]\s))(?<term>(?:(?:A|An|The)\s+)?[A-Z][\w\-]*(?:\s+[\w\-]+){0,5}?)\s+(?<verb>is|are)\s+(?:a|an|the)\s+\w", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Definition();
}
