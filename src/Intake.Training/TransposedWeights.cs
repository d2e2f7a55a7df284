namespace Intake.Training;

/// <summary>
/// Transposed copies of the two weight matrices, refreshed once per step. With them the backward pass
/// propagates gradients as sums of scaled rows (see <see cref="VectorMath"/>) instead of dot products,
/// whose result would depend on the SIMD width. Copying ~30k floats per step costs little next to the
/// batch's millions of multiply-adds.
/// </summary>
internal sealed class TransposedWeights(MlpShape shape)
{
    /// <summary>[H, C·E]: row j holds hidden unit j's weight from every input.</summary>
    public float[] Hidden { get; } = new float[shape.InputSize * shape.HiddenSize];

    /// <summary>[V, H]: row k holds output k's weight from every hidden unit.</summary>
    public float[] Output { get; } = new float[shape.HiddenSize * shape.VocabularySize];

    public void Refresh(ReadOnlySpan<float> parameters)
    {
        Transpose(parameters.Slice(shape.HiddenWeightsOffset, Hidden.Length), shape.InputSize, shape.HiddenSize, Hidden);
        Transpose(parameters.Slice(shape.OutputWeightsOffset, Output.Length), shape.HiddenSize, shape.VocabularySize, Output);
    }

    private static void Transpose(ReadOnlySpan<float> source, int rows, int columns, Span<float> target)
    {
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                target[column * rows + row] = source[row * columns + column];
            }
        }
    }
}
