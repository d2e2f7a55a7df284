namespace Intake.Training;

/// <summary>One shard's share of a mini-batch: its own workspace and gradient, so shards never write to shared memory.</summary>
internal sealed class GradientShard(MlpShape shape)
{
    public ExampleWorkspace Workspace { get; } = new(shape);

    public float[] Gradient { get; } = new float[shape.ParameterCount];

    public double LossSum { get; set; }
}
