namespace Intake.Training;

/// <summary>Initial weights, drawn from a seeded generator.</summary>
internal static class MlpInitializer
{
    public static float[] Create(MlpShape shape, Random random)
    {
        var parameters = new float[shape.ParameterCount];
        var span = parameters.AsSpan();

        // Unit-variance embeddings, and hidden weights scaled by 1/√fan-in, put the pre-activations at
        // about unit variance: inside tanh's responsive range rather than saturated.
        FillGaussian(span.Slice(shape.EmbeddingOffset, shape.VocabularySize * shape.EmbeddingSize), random, 1.0);
        FillGaussian(span.Slice(shape.HiddenWeightsOffset, shape.InputSize * shape.HiddenSize), random, 1.0 / Math.Sqrt(shape.InputSize));

        // Small output weights make the first predictions nearly uniform, so training starts at a loss of
        // about ln V instead of confidently wrong.
        FillGaussian(span.Slice(shape.OutputWeightsOffset, shape.HiddenSize * shape.VocabularySize), random, 0.1 / Math.Sqrt(shape.HiddenSize));
        return parameters;
    }

    private static void FillGaussian(Span<float> values, Random random, double standardDeviation)
    {
        for (var i = 0; i < values.Length; i++)
        {
            // Box–Muller; 1 − NextDouble() is in (0, 1], so the logarithm is finite.
            var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            var angle = 2 * Math.PI * random.NextDouble();
            values[i] = (float)(standardDeviation * radius * Math.Cos(angle));
        }
    }
}
