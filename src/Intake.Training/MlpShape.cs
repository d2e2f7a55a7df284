namespace Intake.Training;

/// <summary>
/// The network's dimensions, and where each tensor lives in the one flat parameter array. One array keeps
/// the optimizer, gradient sums and serialization single loops over the same layout.
/// Layout: embeddings [V, E] · hidden weights [C·E, H] · hidden bias [H] · output weights [H, V] · output bias [V].
/// </summary>
internal readonly record struct MlpShape(int ContextLength, int EmbeddingSize, int HiddenSize, int VocabularySize)
{
    public const int MaxContextLength = 64;
    public const int MaxEmbeddingSize = 256;
    public const int MaxHiddenSize = 2048;
    public const int MaxVocabularySize = 4096;

    public int InputSize => ContextLength * EmbeddingSize;

    public int EmbeddingOffset => 0;

    public int HiddenWeightsOffset => EmbeddingOffset + VocabularySize * EmbeddingSize;

    public int HiddenBiasOffset => HiddenWeightsOffset + InputSize * HiddenSize;

    public int OutputWeightsOffset => HiddenBiasOffset + HiddenSize;

    public int OutputBiasOffset => OutputWeightsOffset + HiddenSize * VocabularySize;

    public int ParameterCount => OutputBiasOffset + VocabularySize;

    public bool IsWithinLimits =>
        ContextLength is >= 1 and <= MaxContextLength
        && EmbeddingSize is >= 1 and <= MaxEmbeddingSize
        && HiddenSize is >= 1 and <= MaxHiddenSize
        && VocabularySize is >= CharVocabulary.SpecialTokenCount and <= MaxVocabularySize;
}
