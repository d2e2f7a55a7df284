using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Intake.Training;

/// <summary>
/// Hyper-parameters of a run. An epoch is one pass over the training characters, capped at
/// <paramref name="MaxStepsPerEpoch"/> mini-batches so its time is bounded whatever the corpus size: with
/// the defaults (about 30k parameters for a vocabulary of 40 characters) an epoch takes one to three
/// seconds on two cores, and a 100 KB corpus is seen about 0.7 times per epoch.
/// </summary>
/// <param name="Seed">Decides the initial weights and every mini-batch: same seed, corpus and options, same model.</param>
/// <param name="ContextLength">How many preceding characters the model sees.</param>
/// <param name="LearningRate">Adam's peak rate; it decays along a cosine to a tenth of this by the last step.</param>
/// <param name="MaxVocabularySize">The most frequent characters kept, including the boundary and unknown tokens; rarer ones become unknown.</param>
/// <param name="MaxValidationCharacters">Validation loss is measured on at most this many characters (the first ones), to bound its cost.</param>
public sealed record TrainerOptions(
    int Epochs,
    int Seed = 42,
    int ContextLength = 8,
    int EmbeddingSize = 24,
    int HiddenSize = 128,
    double LearningRate = 3e-3,
    int BatchSize = 64,
    int MaxStepsPerEpoch = 1000,
    int MaxVocabularySize = 256,
    int MaxValidationCharacters = 100_000)
{
    internal void Validate()
    {
        Require(Epochs is >= 1 and <= 1000, Epochs, nameof(Epochs), "1–1000");
        Require(ContextLength is >= 1 and <= MlpShape.MaxContextLength, ContextLength, nameof(ContextLength), $"1–{MlpShape.MaxContextLength}");
        Require(EmbeddingSize is >= 1 and <= MlpShape.MaxEmbeddingSize, EmbeddingSize, nameof(EmbeddingSize), $"1–{MlpShape.MaxEmbeddingSize}");
        Require(HiddenSize is >= 1 and <= MlpShape.MaxHiddenSize, HiddenSize, nameof(HiddenSize), $"1–{MlpShape.MaxHiddenSize}");
        Require(double.IsFinite(LearningRate) && LearningRate is > 0 and <= 1, LearningRate, nameof(LearningRate), "(0, 1]");
        Require(BatchSize is >= 1 and <= 4096, BatchSize, nameof(BatchSize), "1–4096");
        Require(MaxStepsPerEpoch is >= 1 and <= 1_000_000, MaxStepsPerEpoch, nameof(MaxStepsPerEpoch), "1–1000000");
        Require(MaxVocabularySize is >= CharVocabulary.SpecialTokenCount + 1 and <= MlpShape.MaxVocabularySize,
            MaxVocabularySize, nameof(MaxVocabularySize), $"{CharVocabulary.SpecialTokenCount + 1}–{MlpShape.MaxVocabularySize}");
        Require(MaxValidationCharacters >= 1, MaxValidationCharacters, nameof(MaxValidationCharacters), "at least 1");
    }

    /// <summary>
    /// A hash of every option that shapes the parameters (all of them: the epoch count sets the learning
    /// rate schedule), so a checkpoint is never resumed under options that would make a different model.
    /// </summary>
    internal byte[] Fingerprint() => SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|',
        Epochs, Seed, ContextLength, EmbeddingSize, HiddenSize, LearningRate.ToString("R", CultureInfo.InvariantCulture),
        BatchSize, MaxStepsPerEpoch, MaxVocabularySize, MaxValidationCharacters)));

    private static void Require(bool valid, object value, string name, string range)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be {range}.");
        }
    }
}
