using System.Numerics;
using System.Runtime.InteropServices;

namespace Intake.Training;

/// <summary>
/// The kernels the network runs on. Each one is element-wise (target[i] op= …) and none reduces across
/// elements, so every element goes through the same operations in the same order whatever the SIMD
/// width: a model trained on a machine with 128-bit vectors is bit-identical to one trained with 256-bit
/// vectors, and a checkpoint resumes to the same result on another worker.
/// </summary>
internal static class VectorMath
{
    /// <summary>target += scale · source.</summary>
    public static void AddScaled(Span<float> target, float scale, ReadOnlySpan<float> source)
    {
        var done = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var targetVectors = MemoryMarshal.Cast<float, Vector<float>>(target);
            var sourceVectors = MemoryMarshal.Cast<float, Vector<float>>(source[..target.Length]);
            var scales = new Vector<float>(scale);
            for (var i = 0; i < targetVectors.Length; i++)
            {
                targetVectors[i] += scales * sourceVectors[i];
            }

            done = targetVectors.Length * Vector<float>.Count;
        }

        for (var i = done; i < target.Length; i++)
        {
            target[i] += scale * source[i];
        }
    }

    /// <summary>target += source.</summary>
    public static void Add(Span<float> target, ReadOnlySpan<float> source)
    {
        var done = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var targetVectors = MemoryMarshal.Cast<float, Vector<float>>(target);
            var sourceVectors = MemoryMarshal.Cast<float, Vector<float>>(source[..target.Length]);
            for (var i = 0; i < targetVectors.Length; i++)
            {
                targetVectors[i] += sourceVectors[i];
            }

            done = targetVectors.Length * Vector<float>.Count;
        }

        for (var i = done; i < target.Length; i++)
        {
            target[i] += source[i];
        }
    }

    /// <summary>
    /// Turns logits into probabilities in place and returns −ln p(target) in nats. Shifting by the
    /// maximum keeps exp from overflowing, and the loss is taken from the logits rather than from a
    /// probability that may have underflowed to zero.
    /// </summary>
    public static double SoftmaxCrossEntropy(Span<float> logits, int target)
    {
        var max = float.NegativeInfinity;
        foreach (var logit in logits)
        {
            max = Math.Max(max, logit);
        }

        var targetLogit = logits[target] - max;
        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            logits[i] = MathF.Exp(logits[i] - max);
            sum += logits[i];
        }

        var normaliser = (float)(1 / sum);
        for (var i = 0; i < logits.Length; i++)
        {
            logits[i] *= normaliser;
        }

        return Math.Log(sum) - targetLogit;
    }
}
