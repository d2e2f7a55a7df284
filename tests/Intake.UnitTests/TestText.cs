using System.Text;

namespace Intake.UnitTests;

/// <summary>Seeded text generators and small text helpers shared by the property-style tests.</summary>
internal static class TestText
{
    /// <summary>The characters an idempotency key may contain: [A-Za-z0-9_-].</summary>
    public const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly string[] WordPieces =
    [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "w",
        "é", "ü", "ß", "ж", "я", "漢", "字", "😀", "🎉", "👍🏽", "-", "'", "0", "7",
    ];

    private static readonly string[] Separators =
    [
        " ", " ", " ", " ", " ", " ", " ", " ", ". ", ". ", "! ", "? ", ", ", "\n", "\n\n", "  ", "\t", "\r\n",
        " \n\n ", ".\n\n", "\u00A0", "\u2003",
    ];

    public static string Sentence(int number) => $"Sentence number {number} is here.";

    /// <summary>"Sentence number 1 is here. Sentence number 2 is here. …" joined by single spaces.</summary>
    public static string Sentences(int first, int count) =>
        string.Join(' ', Enumerable.Range(first, count).Select(Sentence));

    public static string Key(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = KeyAlphabet[random.Next(KeyAlphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>A lowercase ASCII word of 1–<paramref name="maxLength"/> letters.</summary>
    public static string AsciiWord(Random random, int maxLength = 10)
    {
        var length = random.Next(1, maxLength + 1);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)('a' + random.Next(26));
        }

        return new string(chars);
    }

    /// <summary>
    /// Prose of at least <paramref name="minLength"/> characters: short ASCII words, single spaces,
    /// sentences ending in '.', '!' or '?', and (optionally) paragraphs separated by a blank line.
    /// </summary>
    public static string Prose(Random random, int minLength, bool paragraphs)
    {
        var text = new StringBuilder();
        var wordsInSentence = 0;
        var sentencesInParagraph = 0;
        text.Append(Capitalise(AsciiWord(random)));
        while (text.Length < minLength || wordsInSentence != 0)
        {
            wordsInSentence++;
            if (wordsInSentence >= 3 && random.Next(8) == 0)
            {
                text.Append("..!?"[random.Next(4)]);
                wordsInSentence = 0;
                sentencesInParagraph++;
                if (text.Length >= minLength)
                {
                    break;
                }

                if (paragraphs && sentencesInParagraph >= 2 && random.Next(4) == 0)
                {
                    text.Append("\n\n");
                    sentencesInParagraph = 0;
                }
                else
                {
                    text.Append(' ');
                }

                text.Append(Capitalise(AsciiWord(random)));
                continue;
            }

            text.Append(' ').Append(AsciiWord(random));
        }

        return text.ToString();
    }

    /// <summary>One paragraph of short ASCII words and sentences, at most <paramref name="maxLength"/> (≥ 8) characters.</summary>
    public static string Paragraph(Random random, int maxLength)
    {
        var text = new StringBuilder(Capitalise(AsciiWord(random, 6)));
        while (true)
        {
            var word = AsciiWord(random, 8);
            var separator = random.Next(6) == 0 ? ". " : " ";
            if (text.Length + separator.Length + word.Length + 1 > maxLength)
            {
                break;
            }

            text.Append(separator).Append(word);
        }

        return text.Append('.').ToString();
    }

    /// <summary>
    /// Irregular text: mixed scripts and emoji (surrogate pairs), runs of assorted whitespace,
    /// punctuation, blank lines, leading/trailing whitespace, and now and then a very long word.
    /// Always well-formed UTF-16.
    /// </summary>
    public static string Messy(Random random, int targetLength)
    {
        var text = new StringBuilder();
        if (random.Next(4) == 0)
        {
            text.Append(Separators[random.Next(Separators.Length)]);
        }

        while (text.Length < targetLength)
        {
            var roll = random.Next(200);
            if (roll == 0)
            {
                // A word that may be longer than any chunk.
                var length = random.Next(50, 12_000);
                var piece = random.Next(3) switch
                {
                    0 => "x",
                    1 => "😀",
                    _ => "ab😀",
                };
                while (length > 0)
                {
                    text.Append(piece);
                    length -= piece.Length;
                }
            }
            else
            {
                var pieces = random.Next(1, 9);
                for (var i = 0; i < pieces; i++)
                {
                    text.Append(WordPieces[random.Next(WordPieces.Length)]);
                }
            }

            text.Append(Separators[random.Next(Separators.Length)]);
        }

        if (random.Next(2) == 0)
        {
            text.Length = Math.Max(0, text.Length - 1);
            if (text.Length > 0 && char.IsHighSurrogate(text[^1]))
            {
                text.Length--;
            }
        }

        return text.ToString();
    }

    public static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>True when every surrogate in <paramref name="text"/> is part of a high+low pair.</summary>
    public static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
