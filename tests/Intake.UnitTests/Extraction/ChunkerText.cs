using System.Text;
using Intake.Workers.Documents.Extraction;
using Intake.Workers.Documents.Tokens;

namespace Intake.UnitTests.Extraction;

/// <summary>
/// Seeded text for the chunker tests. Every prose sentence carries its number ("s17."), so word
/// sequences never repeat and the overlap between two chunks can be found by matching words.
/// </summary>
internal static class ChunkerText
{
    private static readonly string[] Vocabulary =
    [
        "intake", "keeps", "jobs", "exactly", "once", "while", "workers", "retry", "messages", "the", "queue",
        "delivers", "every", "command", "and", "database", "commits", "effects", "together", "with", "status",
        "clients", "poll", "by", "key", "documents", "become", "chunks", "of", "tokens", "for", "training",
    ];

    private static readonly string[] MessyPieces =
    [
        "a", "b", "k", "z", "é", "ß", "ж", "я", "漢", "字", "。", "😀", "🎉", "👍🏽", "-", "'", "0", "7", ".", "!", "?", ",",
    ];

    /// <summary>4–11 words, never the same word twice in a row, then the sentence number.</summary>
    public static string Sentence(Random random, int number)
    {
        var words = new List<string>();
        while (words.Count < 4 || random.Next(8) != 0 && words.Count < 11)
        {
            var word = Vocabulary[random.Next(Vocabulary.Length)];
            if (words.Count == 0 || word != words[^1])
            {
                words.Add(word);
            }
        }

        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return $"{string.Join(' ', words)} s{number}.";
    }

    /// <summary>Sentences numbered from <paramref name="firstNumber"/>, joined by single spaces.</summary>
    public static string Paragraph(Random random, int firstNumber, int sentences) =>
        string.Join(' ', Enumerable.Range(firstNumber, sentences).Select(number => Sentence(random, number)));

    /// <summary>A paragraph of whole sentences whose token count lies in [minTokens, maxTokens].</summary>
    public static string ParagraphOfTokens(Random random, ref int nextNumber, int minTokens, int maxTokens)
    {
        while (true)
        {
            var paragraph = new StringBuilder();
            var number = nextNumber;
            while (Cl100kTokenizer.CountTokens(paragraph.ToString()) < minTokens)
            {
                paragraph.Append(paragraph.Length == 0 ? "" : " ").Append(Sentence(random, number++));
            }

            if (Cl100kTokenizer.CountTokens(paragraph.ToString()) <= maxTokens)
            {
                nextNumber = number;
                return paragraph.ToString();
            }
        }
    }

    public static ExtractedDocument Document(IEnumerable<string> paragraphs) =>
        new(paragraphs.Select(paragraph => new ExtractedBlock(paragraph, null, null)).ToArray(), 0);

    /// <summary>Mixed scripts, emoji, punctuation and now and then a word far longer than any chunk.</summary>
    public static ExtractedDocument Messy(Random random, int blocks)
    {
        var result = new List<ExtractedBlock>();
        for (var block = 0; block < blocks; block++)
        {
            var words = new List<string>();
            for (var word = random.Next(1, 60); word > 0; word--)
            {
                words.Add(random.Next(40) == 0 ? LongWord(random) : ShortWord(random));
            }

            var page = random.Next(3) == 0 ? (int?)null : 1 + (block / 4);
            result.Add(new ExtractedBlock(string.Join(random.Next(5) == 0 ? '\n' : ' ', words), $"Section {block / 3}", page));
        }

        return new ExtractedDocument(result, 0);
    }

    private static string ShortWord(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(1, 9)).Select(_ => MessyPieces[random.Next(MessyPieces.Length)]));

    private static string LongWord(Random random)
    {
        var piece = random.Next(3) switch
        {
            0 => "x",
            1 => "😀",
            _ => "ab😀c漢。",
        };
        return string.Concat(Enumerable.Repeat(piece, random.Next(20, 3000)));
    }
}
