namespace Intake.Training;

/// <summary>
/// A trained character-level MLP language model (Bengio et al., 2003): the previous
/// <see cref="ContextLength"/> characters, embedded and concatenated, feed a tanh hidden layer and a
/// softmax over the vocabulary. Immutable once built; safe to use from several threads.
/// </summary>
public sealed class CharMlpModel
{
    internal CharMlpModel(CharVocabulary vocabulary, MlpShape shape, float[] parameters)
    {
        Vocabulary = vocabulary;
        Shape = shape;
        Parameters = parameters;
    }

    public int VocabularySize => Shape.VocabularySize;

    public int ContextLength => Shape.ContextLength;

    public int EmbeddingSize => Shape.EmbeddingSize;

    public int HiddenSize => Shape.HiddenSize;

    public int ParameterCount => Shape.ParameterCount;

    /// <summary>The perplexity of a model that knows nothing: every token equally likely.</summary>
    public double UniformPerplexity => VocabularySize;

    internal CharVocabulary Vocabulary { get; }

    internal MlpShape Shape { get; }

    /// <summary>Mutated in place by the trainer while it owns the model; never after.</summary>
    internal float[] Parameters { get; }

    /// <summary>A versioned, checksummed binary form; see <see cref="Deserialize"/>.</summary>
    public byte[] Serialize() => ModelFormat.Write(Vocabulary, Shape, Parameters);

    /// <exception cref="InvalidDataException">The bytes are not a model, a version this build reads, or intact.</exception>
    public static CharMlpModel Deserialize(byte[] data) => ModelFormat.Read(data);

    /// <summary>
    /// exp(mean cross-entropy) per character over the texts, each text's end counting as one more
    /// character to predict. Lower is better; <see cref="UniformPerplexity"/> is knowing nothing.
    /// </summary>
    public double Perplexity(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var stream = TokenStream.Build(Vocabulary, texts, ContextLength);
        if (stream.TargetCount == 0)
        {
            throw new ArgumentException("Perplexity needs at least one text.", nameof(texts));
        }

        return Math.Exp(MlpEvaluator.MeanLoss(Shape, Parameters, stream, maxDegreeOfParallelism: 1, CancellationToken.None));
    }

    /// <summary>
    /// Continues <paramref name="prompt"/> character by character until the model predicts the end of the
    /// text or <paramref name="maxTokens"/> characters (runes) have been generated. Returns only the
    /// continuation. The same model, arguments and seed always give the same text.
    /// </summary>
    /// <param name="temperature">0 picks the most likely character every time; 1 samples the model's distribution; higher is more random.</param>
    public string Sample(string prompt, int maxTokens, double temperature, int seed)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTokens);
        if (!double.IsFinite(temperature) || temperature < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be finite and at least 0.");
        }

        return new TextSampler(this, temperature, new Random(seed)).Continue(prompt, maxTokens);
    }
}
