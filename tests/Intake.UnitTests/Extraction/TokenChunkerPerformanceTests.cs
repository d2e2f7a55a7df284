using System.Diagnostics;
using System.Text;
using Intake.Workers.Documents.Extraction;
using Intake.Workers.Documents.Tokens;
using Xunit.Abstractions;

namespace Intake.UnitTests.Extraction;

/// <summary>Runs the pipeline on large inputs and reports the time; no timing is asserted (CI machines vary).</summary>
public sealed class TokenChunkerPerformanceTests(ITestOutputHelper output)
{
    private const int OneMegabyte = 1 << 20;

    [Fact]
    public void One_megabyte_of_prose_extracts_and_chunks()
    {
        var random = new Random(19);
        var text = new StringBuilder();
        var number = 0;
        while (text.Length < OneMegabyte)
        {
            var sentences = random.Next(1, 15);
            text.Append(ChunkerText.Paragraph(random, number, sentences)).Append("\r\n\r\n");
            number += sentences;
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        _ = Cl100kTokenizer.Instance;

        var clock = Stopwatch.StartNew();
        var document = DocumentTextExtractors.For("text/plain").Extract(bytes);
        var extracted = clock.Elapsed;
        var chunks = TokenChunker.Split(document, 500, 50);
        var chunked = clock.Elapsed - extracted;

        output.WriteLine($"{bytes.Length:N0} bytes, {document.Blocks.Count:N0} blocks, {chunks.Count:N0} chunks: "
            + $"extract {extracted.TotalMilliseconds:N0} ms, chunk {chunked.TotalMilliseconds:N0} ms");
        Assert.All(chunks, chunk => Assert.InRange(chunk.TokenCount, 1, 500));
        Assert.EndsWith(document.Blocks[^1].Text, chunks[^1].Content);
    }

    [Fact]
    public void One_megabyte_without_whitespace_chunks()
    {
        var random = new Random(23);
        var text = string.Create(OneMegabyte, random, (chars, rng) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)('a' + rng.Next(26));
            }
        });
        var document = ChunkerText.Document([text]);
        _ = Cl100kTokenizer.Instance;

        var clock = Stopwatch.StartNew();
        var chunks = TokenChunker.Split(document, 1000, 100);

        output.WriteLine($"{text.Length:N0} characters in one word, {chunks.Count:N0} chunks: {clock.ElapsedMilliseconds:N0} ms");
        Assert.Equal(text, string.Concat(chunks.Select(chunk => chunk.Content)));
    }
}
