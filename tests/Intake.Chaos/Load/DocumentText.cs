using System.Text;

namespace Intake.Chaos.Load;

/// <summary>Plain-text documents of a few paragraphs (1–4 KB), each different, with sentence ends to split at.</summary>
public static class DocumentText
{
    private static readonly string[] Words =
    [
        "intake", "keeps", "every", "job", "exactly", "once", "the", "broker", "may", "redeliver", "a", "command",
        "while", "workers", "crash", "and", "restart", "database", "commits", "effects", "together", "with", "inbox",
        "row", "clients", "retry", "same", "request", "under", "key", "outbox", "relay", "sends", "after", "commit",
        "lease", "expires", "sweep", "recovers", "abandoned", "work", "chunks", "carry", "their", "ordinal", "dataset",
        "training", "run", "is", "written", "in", "one", "transaction", "nothing", "lost", "duplicated", "network",
        "flaky", "outage", "seconds", "later", "replay", "stored", "response", "byte", "for", "status", "poll",
    ];

    public static string Create(Random random, string marker)
    {
        var text = new StringBuilder();
        var target = random.Next(1200, 4000);
        text.Append("Document ").Append(marker).Append(". ");
        while (text.Length < target)
        {
            var words = random.Next(6, 15);
            for (var i = 0; i < words; i++)
            {
                var word = Words[random.Next(Words.Length)];
                text.Append(i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
                text.Append(i == words - 1 ? ". " : " ");
            }

            if (random.Next(5) == 0)
            {
                text.Append("\n\n");
            }
        }

        return text.ToString().Trim();
    }
}
