using System.Text.Json;
using Intake.Workers.Datasets;

namespace Intake.UnitTests;

public sealed class ExampleGeneratorTests
{
    private static Dictionary<string, string> ParseLine(string line)
    {
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        using var document = JsonDocument.Parse(line);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }

    private static SourceChunk Chunk(string content, string document = "handbook.md", int ordinal = 0) =>
        new(document, ordinal, content);

    [Theory]
    [InlineData("First sentence here. Second sentence there.")]
    [InlineData("One two three four five six seven eight nine ten.")]
    [InlineData("Short one. A much longer second sentence that goes on and on for a while. Third!")]
    [InlineData("Ask? Answer! Done.")]
    [InlineData("two words")]
    [InlineData("Émile a vu 😀 un éléphant. Он сказал привет. 漢字 text.")]
    [InlineData("Line one\nline two\n\nline three.")]
    public void Generate_Completion_SplitsTheChunkIntoPromptAndCompletionPreservingWords(string content)
    {
        var line = Assert.Single(ExampleGenerator.Generate("completion", [Chunk(content)]));

        var example = ParseLine(line);
        Assert.Equal(new[] { "completion", "prompt" }, example.Keys.Order(StringComparer.Ordinal));
        var prompt = example["prompt"];
        var completion = example["completion"];
        Assert.StartsWith(" ", completion);
        Assert.False(string.IsNullOrWhiteSpace(prompt));
        Assert.False(string.IsNullOrWhiteSpace(completion));
        Assert.Equal(prompt.Trim(), prompt);
        Assert.Equal(TestText.Words(content), TestText.Words(prompt).Concat(TestText.Words(completion)));
    }

    [Fact]
    public void Generate_Completion_SingleSpacedChunk_ReassemblesExactly()
    {
        const string content = "The cat sat. The dog ran far away. Then it rained.";

        var example = ParseLine(Assert.Single(ExampleGenerator.Generate("completion", [Chunk(content)])));

        Assert.Equal(content, example["prompt"] + example["completion"]);
    }

    [Fact]
    public void Generate_Completion_RandomChunks_PreserveWordsAndSplitAtASentenceEndWhenThereIsOne()
    {
        var random = new Random(6060);
        var chunks = Enumerable.Range(0, 500)
            .Select(i => Chunk(TestText.Prose(random, random.Next(1, 1500), paragraphs: random.Next(2) == 0), ordinal: i))
            .ToList();

        var lines = ExampleGenerator.Generate("completion", chunks).ToList();

        var eligible = chunks.Where(c => TestText.Words(c.Content).Length >= 2).ToList();
        Assert.Equal(eligible.Count, lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var content = eligible[i].Content;
            var example = ParseLine(lines[i]);
            var prompt = example["prompt"];
            var completion = example["completion"];
            Assert.StartsWith(" ", completion);
            Assert.Equal(TestText.Words(content), TestText.Words(prompt).Concat(TestText.Words(completion)));

            var hasInnerSentenceEnd = Enumerable.Range(1, Math.Max(0, content.Length - 2))
                .Any(p => content[p - 1] is '.' or '!' or '?' && char.IsWhiteSpace(content[p]));
            if (hasInnerSentenceEnd)
            {
                Assert.True(prompt[^1] is '.' or '!' or '?', $"prompt does not end a sentence: \"{prompt}\"");
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Supercalifragilisticexpialidocious")]
    [InlineData("  lonely.  ")]
    public void Generate_Completion_SkipsChunksWithFewerThanTwoWords(string content) =>
        Assert.Empty(ExampleGenerator.Generate("completion", [Chunk(content)]));

    [Fact]
    public void Generate_QuestionAnswer_AnswersWithTheChunkAndNamesTheDocument()
    {
        const string content = "Refunds are issued within 30 days of purchase. Contact support to start one.";
        const string name = "Policies \"2024\" — é.md";

        var example = ParseLine(Assert.Single(ExampleGenerator.Generate("qa", [Chunk(content, name)])));

        Assert.Equal(new[] { "answer", "question" }, example.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(content, example["answer"]);
        Assert.Contains(name, example["question"]);
    }

    [Theory]
    [InlineData("one", false)]
    [InlineData("one two", false)]
    [InlineData("one two three.", false)]
    [InlineData("  one \n two\tthree  ", false)]
    [InlineData("one two three four.", true)]
    public void Generate_QuestionAnswer_SkipsChunksWithFewerThanFourWords(string content, bool kept) =>
        Assert.Equal(kept ? 1 : 0, ExampleGenerator.Generate("qa", [Chunk(content)]).Count());

    [Fact]
    public void Generate_QuestionAnswer_KeepsChunkOrderAndSkipsShortOnes()
    {
        var random = new Random(7070);
        var chunks = Enumerable.Range(0, 300)
            .Select(i => Chunk(
                random.Next(5) == 0
                    ? string.Join(' ', Enumerable.Range(0, random.Next(0, 4)).Select(_ => TestText.AsciiWord(random)))
                    : TestText.Prose(random, random.Next(1, 800), paragraphs: true),
                document: $"doc-{i % 7}.txt",
                ordinal: i))
            .ToList();

        var lines = ExampleGenerator.Generate("qa", chunks).ToList();

        var eligible = chunks.Where(c => TestText.Words(c.Content).Length >= 4).ToList();
        Assert.Equal(eligible.Count, lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var example = ParseLine(lines[i]);
            Assert.Equal(eligible[i].Content, example["answer"]);
            Assert.Contains(eligible[i].DocumentName, example["question"]);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("Completion")]
    [InlineData("QA")]
    [InlineData("jsonl")]
    [InlineData(" qa")]
    public void Generate_UnknownFormat_Throws(string format) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExampleGenerator.Generate(format, [Chunk("one two three four five.")]).ToList());
}
