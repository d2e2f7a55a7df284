namespace Intake.Training;

/// <summary>Adam with bias correction. Its moments and step count are part of a checkpoint: resuming without them would restart the adaptive step sizes and change the result.</summary>
internal sealed class AdamOptimizer(float[] firstMoment, float[] secondMoment, long step)
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;

    public AdamOptimizer(int parameterCount)
        : this(new float[parameterCount], new float[parameterCount], 0)
    {
    }

    public float[] FirstMoment => firstMoment;

    public float[] SecondMoment => secondMoment;

    /// <summary>Updates applied so far, over the whole run.</summary>
    public long Step { get; private set; } = step;

    public void Update(Span<float> parameters, ReadOnlySpan<float> gradient, double learningRate)
    {
        Step++;
        var rate = (float)(learningRate * Math.Sqrt(1 - Math.Pow(Beta2, Step)) / (1 - Math.Pow(Beta1, Step)));
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = gradient[i];
            var m = firstMoment[i] = Beta1 * firstMoment[i] + (1 - Beta1) * g;
            var v = secondMoment[i] = Beta2 * secondMoment[i] + (1 - Beta2) * g * g;
            parameters[i] -= rate * m / (MathF.Sqrt(v) + Epsilon);
        }
    }
}
