using Intake.Workers.Datasets;

namespace Intake.UnitTests;

public sealed class DatasetSplitterTests
{
    private static readonly string[] Whitespace = [" ", "  ", "\t", "\n", "\r\n", " \t "];

    [Fact]
    public void Deduplicate_RemovesDuplicatesAfterWhitespaceNormalisation_KeepingFirstOccurrences()
    {
        string[] examples = ["a b", "c", "a  b", " a b ", "a\tb\n", "d e", "c", "A b", "ab", "d\r\ne"];

        var (unique, removed) = DatasetSplitter.Deduplicate(examples);

        Assert.Equal(new[] { "a b", "c", "d e", "A b", "ab" }, unique.ToArray());
        Assert.Equal(5, removed);
    }

    [Fact]
    public void Deduplicate_EmptyInput_GivesNothing()
    {
        var (unique, removed) = DatasetSplitter.Deduplicate([]);

        Assert.Empty(unique);
        Assert.Equal(0, removed);
    }

    [Fact]
    public void Deduplicate_DistinctExamples_AreAllKeptInOrder()
    {
        var examples = Enumerable.Range(0, 500).Select(i => $"{{\"prompt\":\"p{i}\",\"completion\":\" c\"}}").ToArray();

        var (unique, removed) = DatasetSplitter.Deduplicate(examples);

        Assert.Equal(examples, unique.ToArray());
        Assert.Equal(0, removed);
    }

    [Fact]
    public void Deduplicate_RandomListsWithRespacedCopies_MatchAReferenceDeduplication()
    {
        var random = new Random(314);
        for (var n = 0; n < 200; n++)
        {
            var originals = Enumerable.Range(0, random.Next(1, 30))
                .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(1, 5)).Select(_ => TestText.AsciiWord(random, 3))))
                .ToList();
            var examples = Enumerable.Range(0, random.Next(0, 80))
                .Select(_ => Respace(random, originals[random.Next(originals.Count)]))
                .ToList();

            var expected = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var example in examples)
            {
                if (seen.Add(string.Join(' ', TestText.Words(example))))
                {
                    expected.Add(example);
                }
            }

            var (unique, removed) = DatasetSplitter.Deduplicate(examples);

            Assert.Equal(expected, unique);
            Assert.Equal(examples.Count - expected.Count, removed);
        }
    }

    [Fact]
    public void IsValidation_IsDeterministic()
    {
        var random = new Random(1);
        for (var n = 0; n < 1000; n++)
        {
            var example = $"{{\"prompt\":\"{TestText.AsciiWord(random)}\",\"completion\":\" {TestText.AsciiWord(random)}\"}}";
            var fraction = random.NextDouble() * 0.5;

            var first = DatasetSplitter.IsValidation(example, fraction);

            Assert.Equal(first, DatasetSplitter.IsValidation(example, fraction));
            Assert.Equal(first, DatasetSplitter.IsValidation(new string(example.AsSpan()), fraction));
        }
    }

    [Fact]
    public void IsValidation_FractionZero_NeverSelects()
    {
        var examples = RandomExamples(new Random(2), 10_000);

        Assert.DoesNotContain(examples, e => DatasetSplitter.IsValidation(e, 0));
    }

    [Theory]
    [InlineData(0.5, 0.03)]
    [InlineData(0.25, 0.02)]
    [InlineData(0.1, 0.015)]
    [InlineData(0.01, 0.005)]
    public void IsValidation_SelectsRoughlyTheFraction(double fraction, double tolerance)
    {
        var examples = RandomExamples(new Random(3), 10_000);

        var share = examples.Count(e => DatasetSplitter.IsValidation(e, fraction)) / (double)examples.Count;

        Assert.InRange(share, fraction - tolerance, fraction + tolerance);
    }

    [Fact]
    public void IsValidation_IsMonotoneInTheFraction()
    {
        var examples = RandomExamples(new Random(4), 3000);
        double[] fractions = [0, 0.001, 0.01, 0.05, 0.1, 0.1000001, 0.2, 0.3, 0.333, 0.4, 0.49, 0.5];

        foreach (var example in examples)
        {
            var selected = fractions.Select(f => DatasetSplitter.IsValidation(example, f)).ToArray();
            for (var i = 1; i < selected.Length; i++)
            {
                Assert.True(!selected[i - 1] || selected[i], $"\"{example}\" is validation at {fractions[i - 1]} but not at {fractions[i]}");
            }
        }
    }

    private static List<string> RandomExamples(Random random, int count) =>
        Enumerable.Range(0, count)
            .Select(i => $"{{\"question\":\"q{i} {TestText.AsciiWord(random)}\",\"answer\":\"{TestText.AsciiWord(random, 12)}\"}}")
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static string Respace(Random random, string text)
    {
        var words = TestText.Words(text);
        var separators = Enumerable.Range(0, words.Length + 1)
            .Select(i => i == 0 || i == words.Length
                ? (random.Next(3) == 0 ? Whitespace[random.Next(Whitespace.Length)] : "")
                : Whitespace[random.Next(Whitespace.Length)])
            .ToArray();
        return separators[0] + string.Concat(words.Select((w, i) => w + separators[i + 1]));
    }
}
