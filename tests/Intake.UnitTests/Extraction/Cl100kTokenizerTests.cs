using Intake.Workers.Documents.Tokens;

namespace Intake.UnitTests.Extraction;

public sealed class Cl100kTokenizerTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("hello world", 2)]
    [InlineData("Text tokenization is the process of splitting a string into a list of tokens.", 16)]
    public void Counts_cl100k_base_tokens(string text, int expected) =>
        Assert.Equal(expected, Cl100kTokenizer.CountTokens(text));

    [Fact]
    public void Is_one_shared_instance_safe_to_use_from_many_threads()
    {
        var texts = Enumerable.Range(0, 200).Select(i => $"Sentence {i} about caf\u00E9s, na\u00EFvet\u00E9 and \U0001F600 number {i * 7919}.").ToArray();
        var expected = texts.Select(Cl100kTokenizer.CountTokens).ToArray();

        var actual = new int[texts.Length];
        Parallel.For(0, texts.Length * 10, i => actual[i % texts.Length] = Cl100kTokenizer.CountTokens(texts[i % texts.Length]));

        Assert.Same(Cl100kTokenizer.Instance, Cl100kTokenizer.Instance);
        Assert.Equal(expected, actual);
    }
}
