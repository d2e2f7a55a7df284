using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Intake.Workers.Datasets;

/// <summary>Exact-duplicate removal and a deterministic train/validation split.</summary>
public static class DatasetSplitter
{
    /// <summary>Keeps the first of each set of examples whose whitespace-normalised text is equal.</summary>
    public static (IReadOnlyList<string> Unique, int DuplicatesRemoved) Deduplicate(IEnumerable<string> examples)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<string>();
        var duplicates = 0;
        foreach (var example in examples)
        {
            if (seen.Add(Convert.ToHexString(Hash(Normalise(example)))))
            {
                unique.Add(example);
            }
            else
            {
                duplicates++;
            }
        }

        return (unique, duplicates);
    }

    /// <summary>
    /// Whether an example goes to validation. Decided by a hash of its content, so the same example
    /// lands on the same side on every run and in every dataset built with the same fraction.
    /// </summary>
    public static bool IsValidation(string example, double validationFraction)
    {
        var position = BinaryPrimitives.ReadUInt64BigEndian(Hash(Normalise(example)));
        return position < validationFraction * ulong.MaxValue;
    }

    private static string Normalise(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
