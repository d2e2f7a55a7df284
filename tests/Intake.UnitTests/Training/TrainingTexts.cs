using System.Text;

namespace Intake.UnitTests.Training;

/// <summary>
/// Seeded English-like text with structure a small model can learn: a fixed vocabulary of words, a simple
/// grammar (determiner, adjective, noun, verb, preposition), capitalised sentences ending in '.', and a
/// recurring pangram whose continuation is certain once its first words are seen.
/// </summary>
internal static class TrainingTexts
{
    public const string Pangram = "The quick brown fox jumps over the lazy dog.";

    private static readonly string[] Determiners = ["the", "a", "every", "one", "that", "this"];
    private static readonly string[] Adjectives = ["small", "old", "green", "happy", "quiet", "bright", "heavy", "little", "warm", "early"];
    private static readonly string[] Nouns = ["cat", "house", "river", "teacher", "garden", "window", "child", "letter", "market", "horse", "song", "city"];
    private static readonly string[] Verbs = ["sees", "finds", "likes", "carries", "follows", "builds", "reads", "opens", "paints", "visits"];
    private static readonly string[] Prepositions = ["near", "behind", "under", "beside", "across", "inside"];

    /// <summary><paramref name="count"/> texts of two to five sentences each.</summary>
    public static IReadOnlyList<string> Generate(int seed, int count)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Text(random))];
    }

    private static string Text(Random random)
    {
        var text = new StringBuilder();
        var sentences = random.Next(2, 6);
        for (var i = 0; i < sentences; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(random.Next(4) == 0 ? Pangram : Sentence(random));
        }

        return text.ToString();
    }

    private static string Sentence(Random random)
    {
        var words = new List<string>();
        words.AddRange(NounPhrase(random));
        words.Add(Pick(random, Verbs));
        words.AddRange(NounPhrase(random));
        if (random.Next(2) == 0)
        {
            words.Add(Pick(random, Prepositions));
            words.AddRange(NounPhrase(random));
        }

        var sentence = string.Join(' ', words) + ".";
        return char.ToUpperInvariant(sentence[0]) + sentence[1..];
    }

    private static IEnumerable<string> NounPhrase(Random random)
    {
        yield return Pick(random, Determiners);
        if (random.Next(2) == 0)
        {
            yield return Pick(random, Adjectives);
        }

        yield return Pick(random, Nouns);
    }

    private static string Pick(Random random, string[] words) => words[random.Next(words.Length)];
}
