using System.Text;

namespace Intake.Bench.Api;

/// <summary>Deterministic prose for small test documents (no two documents alike).</summary>
public static class SampleText
{
    private static readonly string[] Words =
    [
        "intake", "keeps", "every", "job", "exactly", "once", "the", "outbox", "relay", "sends", "commands",
        "after", "commit", "workers", "run", "them", "through", "an", "inbox", "keyed", "on", "user", "and",
        "consumer", "retries", "are", "safe", "because", "database", "constraints", "decide", "who", "wins",
        "a", "document", "is", "split", "into", "chunks", "with", "overlap", "so", "that", "context", "survives",
    ];

    public static string Document(int seed, int approximateCharacters)
    {
        var random = new Random(seed);
        var text = new StringBuilder(approximateCharacters + 64);
        text.Append("# Benchmark document ").Append(seed).Append("\n\n");
        var sentenceLength = 0;
        while (text.Length < approximateCharacters)
        {
            var word = Words[random.Next(Words.Length)];
            text.Append(sentenceLength == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            sentenceLength++;
            if (sentenceLength > 6 + random.Next(10))
            {
                text.Append(random.Next(6) == 0 ? ".\n\n" : ". ");
                sentenceLength = 0;
            }
            else
            {
                text.Append(' ');
            }
        }

        return text.Append('.').ToString();
    }
}
