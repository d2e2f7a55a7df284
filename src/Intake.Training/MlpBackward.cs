namespace Intake.Training;

/// <summary>Backpropagation of the cross-entropy loss through <see cref="MlpForward"/>, by hand.</summary>
internal static class MlpBackward
{
    /// <summary>
    /// Adds one example's gradient, times <paramref name="scale"/>, to <paramref name="gradient"/>. Expects
    /// the workspace as the forward pass and <see cref="VectorMath.SoftmaxCrossEntropy"/> left it
    /// (probabilities in Output) and overwrites its gradient buffers.
    /// </summary>
    public static void Accumulate(
        MlpShape shape, TransposedWeights transposed, ExampleWorkspace workspace, int target, float scale, Span<float> gradient)
    {
        var hiddenSize = shape.HiddenSize;
        var vocabularySize = shape.VocabularySize;

        // d loss / d logits = probabilities − one-hot(target).
        var outputGradient = workspace.Output.AsSpan();
        outputGradient[target] -= 1f;
        for (var k = 0; k < outputGradient.Length; k++)
        {
            outputGradient[k] *= scale;
        }

        VectorMath.Add(gradient.Slice(shape.OutputBiasOffset, vocabularySize), outputGradient);
        var hidden = workspace.Hidden;
        for (var j = 0; j < hiddenSize; j++)
        {
            VectorMath.AddScaled(gradient.Slice(shape.OutputWeightsOffset + j * vocabularySize, vocabularySize), hidden[j], outputGradient);
        }

        var hiddenGradient = workspace.HiddenGradient.AsSpan();
        hiddenGradient.Clear();
        for (var k = 0; k < vocabularySize; k++)
        {
            VectorMath.AddScaled(hiddenGradient, outputGradient[k], transposed.Output.AsSpan(k * hiddenSize, hiddenSize));
        }

        // Through tanh: d tanh(x) / dx = 1 − tanh(x)².
        for (var j = 0; j < hiddenSize; j++)
        {
            hiddenGradient[j] *= 1f - hidden[j] * hidden[j];
        }

        VectorMath.Add(gradient.Slice(shape.HiddenBiasOffset, hiddenSize), hiddenGradient);
        var input = workspace.Input;
        for (var i = 0; i < input.Length; i++)
        {
            VectorMath.AddScaled(gradient.Slice(shape.HiddenWeightsOffset + i * hiddenSize, hiddenSize), input[i], hiddenGradient);
        }

        var inputGradient = workspace.InputGradient.AsSpan();
        inputGradient.Clear();
        for (var j = 0; j < hiddenSize; j++)
        {
            VectorMath.AddScaled(inputGradient, hiddenGradient[j], transposed.Hidden.AsSpan(j * shape.InputSize, shape.InputSize));
        }

        var embeddingSize = shape.EmbeddingSize;
        for (var c = 0; c < shape.ContextLength; c++)
        {
            VectorMath.Add(
                gradient.Slice(shape.EmbeddingOffset + workspace.Context[c] * embeddingSize, embeddingSize),
                inputGradient.Slice(c * embeddingSize, embeddingSize));
        }
    }
}
