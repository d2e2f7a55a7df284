namespace Intake.Training;

/// <summary>context → embeddings, concatenated → tanh hidden layer → logits over the vocabulary.</summary>
internal static class MlpForward
{
    /// <summary>Fills the workspace's input, hidden and output (logits) from its context.</summary>
    public static void Run(MlpShape shape, ReadOnlySpan<float> parameters, ExampleWorkspace workspace)
    {
        var embeddingSize = shape.EmbeddingSize;
        var input = workspace.Input.AsSpan();
        for (var c = 0; c < shape.ContextLength; c++)
        {
            parameters.Slice(shape.EmbeddingOffset + workspace.Context[c] * embeddingSize, embeddingSize)
                .CopyTo(input.Slice(c * embeddingSize, embeddingSize));
        }

        var hidden = workspace.Hidden.AsSpan();
        parameters.Slice(shape.HiddenBiasOffset, shape.HiddenSize).CopyTo(hidden);
        for (var i = 0; i < input.Length; i++)
        {
            VectorMath.AddScaled(hidden, input[i], parameters.Slice(shape.HiddenWeightsOffset + i * shape.HiddenSize, shape.HiddenSize));
        }

        for (var j = 0; j < hidden.Length; j++)
        {
            hidden[j] = MathF.Tanh(hidden[j]);
        }

        var output = workspace.Output.AsSpan();
        parameters.Slice(shape.OutputBiasOffset, shape.VocabularySize).CopyTo(output);
        for (var j = 0; j < hidden.Length; j++)
        {
            VectorMath.AddScaled(output, hidden[j], parameters.Slice(shape.OutputWeightsOffset + j * shape.VocabularySize, shape.VocabularySize));
        }
    }
}
