using System.Security.Cryptography;
using System.Text;

namespace Intake.Training;

/// <summary>A SHA-256 of a corpus's texts, in order, so a checkpoint is only ever resumed on the corpus it was trained on.</summary>
internal static class CorpusFingerprint
{
    public static byte[] Compute(TrainingCorpus corpus)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, corpus.Train);
        Append(hash, corpus.Validation);
        return hash.GetHashAndReset();
    }

    private static void Append(IncrementalHash hash, IReadOnlyList<string> texts)
    {
        // Length prefixes keep ["ab", "c"] and ["a", "bc"] apart.
        hash.AppendData(BitConverter.GetBytes(texts.Count));
        foreach (var text in texts)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }
    }
}
