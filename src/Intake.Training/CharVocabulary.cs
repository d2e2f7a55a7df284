using System.Text;

namespace Intake.Training;

/// <summary>
/// Token ids for Unicode scalar values (runes, not UTF-16 code units, so an emoji is one token and a
/// sample can never split a surrogate pair). Id 0 is the boundary token: it pads the context before a
/// text starts and is the target after its last character, so the model learns where texts end.
/// Id 1 stands for every character outside the vocabulary.
/// </summary>
internal sealed class CharVocabulary
{
    public const int Boundary = 0;
    public const int Unknown = 1;
    public const int SpecialTokenCount = 2;

    private readonly int[] codePoints;
    private readonly Dictionary<int, int> ids;

    private CharVocabulary(int[] codePoints)
    {
        this.codePoints = codePoints;
        ids = new Dictionary<int, int>(codePoints.Length);
        for (var i = 0; i < codePoints.Length; i++)
        {
            ids.Add(codePoints[i], i + SpecialTokenCount);
        }
    }

    public int Size => codePoints.Length + SpecialTokenCount;

    /// <summary>The <paramref name="maxSize"/> − 2 most frequent characters; ties go to the lower code point so the ids are deterministic.</summary>
    public static CharVocabulary Build(IEnumerable<string> texts, int maxSize)
    {
        var counts = new Dictionary<int, long>();
        foreach (var text in texts)
        {
            foreach (var rune in text.EnumerateRunes())
            {
                counts[rune.Value] = counts.GetValueOrDefault(rune.Value) + 1;
            }
        }

        var kept = counts
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key)
            .Take(maxSize - SpecialTokenCount)
            .Select(pair => pair.Key)
            .ToArray();
        return new CharVocabulary(kept);
    }

    public int IdOf(Rune rune) => ids.TryGetValue(rune.Value, out var id) ? id : Unknown;

    /// <summary>The character of a non-special id.</summary>
    public Rune RuneOf(int id) => new(codePoints[id - SpecialTokenCount]);

    public void Encode(string text, List<int> into)
    {
        // Ill-formed UTF-16 (a lone surrogate) enumerates as U+FFFD, which is then usually unknown.
        foreach (var rune in text.EnumerateRunes())
        {
            into.Add(IdOf(rune));
        }
    }

    public void Write(BinaryWriter writer)
    {
        foreach (var codePoint in codePoints)
        {
            writer.Write(codePoint);
        }
    }

    public static CharVocabulary Read(BinaryReader reader, int size)
    {
        var codePoints = new int[size - SpecialTokenCount];
        var seen = new HashSet<int>();
        for (var i = 0; i < codePoints.Length; i++)
        {
            codePoints[i] = reader.ReadInt32();
            if (!Rune.IsValid(codePoints[i]) || !seen.Add(codePoints[i]))
            {
                throw new InvalidDataException($"The vocabulary holds an invalid or repeated character (code point {codePoints[i]}).");
            }
        }

        return new CharVocabulary(codePoints);
    }
}
