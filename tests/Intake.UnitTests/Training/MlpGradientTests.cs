using Intake.Training;

namespace Intake.UnitTests.Training;

/// <summary>The hand-written backward pass against finite differences of the forward pass.</summary>
public sealed class MlpGradientTests
{
    private static readonly MlpShape Shape = new(ContextLength: 3, EmbeddingSize: 4, HiddenSize: 5, VocabularySize: 7);

    [Fact]
    public void Backward_MatchesCentralDifferences_ForEveryParameter()
    {
        var parameters = MlpInitializer.Create(Shape, new Random(3));
        var random = new Random(4);

        // Larger output weights than at initialisation, so every gradient is well away from zero.
        for (var i = Shape.OutputWeightsOffset; i < Shape.ParameterCount; i++)
        {
            parameters[i] = (float)(random.NextDouble() * 2 - 1);
        }

        int[] context = [0, 5, 5];
        const int target = 2;
        var analytic = Gradient(parameters, context, target);

        for (var i = 0; i < Shape.ParameterCount; i++)
        {
            var saved = parameters[i];
            const float step = 1e-2f;
            parameters[i] = saved + step;
            var above = Loss(parameters, context, target);
            parameters[i] = saved - step;
            var below = Loss(parameters, context, target);
            parameters[i] = saved;

            var numeric = (above - below) / (2 * step);
            Assert.True(Math.Abs(numeric - analytic[i]) <= 2e-3 + 2e-2 * Math.Abs(numeric),
                $"parameter {i}: numeric {numeric:G6}, analytic {analytic[i]:G6}");
        }
    }

    [Fact]
    public void Gradient_OfAnEmbeddingNotInTheContext_IsZero()
    {
        var gradient = Gradient(MlpInitializer.Create(Shape, new Random(9)), [1, 2, 3], target: 4);

        Assert.All(gradient.AsSpan(Shape.EmbeddingOffset + 6 * Shape.EmbeddingSize, Shape.EmbeddingSize).ToArray(), g => Assert.Equal(0f, g));
    }

    private static double Loss(float[] parameters, int[] context, int target)
    {
        var workspace = new ExampleWorkspace(Shape);
        context.CopyTo(workspace.Context, 0);
        MlpForward.Run(Shape, parameters, workspace);
        return VectorMath.SoftmaxCrossEntropy(workspace.Output, target);
    }

    private static float[] Gradient(float[] parameters, int[] context, int target)
    {
        var workspace = new ExampleWorkspace(Shape);
        context.CopyTo(workspace.Context, 0);
        MlpForward.Run(Shape, parameters, workspace);
        VectorMath.SoftmaxCrossEntropy(workspace.Output, target);
        var transposed = new TransposedWeights(Shape);
        transposed.Refresh(parameters);
        var gradient = new float[Shape.ParameterCount];
        MlpBackward.Accumulate(Shape, transposed, workspace, target, scale: 1f, gradient);
        return gradient;
    }
}
