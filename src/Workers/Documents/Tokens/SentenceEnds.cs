namespace Intake.Workers.Documents.Tokens;

/// <summary>
/// Whether a word ends a sentence: terminal punctuation, possibly inside closing quotes or brackets.
/// A full stop after an initial ("J.") or a common abbreviation ("e.g.", "Dr.") does not count. A
/// heuristic: a wrong guess only moves a chunk boundary.
/// </summary>
internal static class SentenceEnds
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "e.g", "i.e", "cf", "fig", "approx",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup =
        Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsSentenceEnd(ReadOnlySpan<char> word)
    {
        word = word.TrimEnd(")]}\"'\u201D\u2019\u00BB\u203A");
        if (word.IsEmpty)
        {
            return false;
        }

        if (word[^1] is '!' or '?' or '\u2026' or '\u3002' or '\uFF01' or '\uFF1F' or '\u203C' or '\u2047' or '\u2048' or '\u2049')
        {
            return true;
        }

        if (word[^1] != '.')
        {
            return false;
        }

        var stem = word[..^1].TrimStart("([{\"'\u201C\u2018\u00AB\u2039");
        var isInitial = stem.Length == 1 && char.IsLetter(stem[0]);
        return !isInitial && !AbbreviationLookup.Contains(stem);
    }
}
