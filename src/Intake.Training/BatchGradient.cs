namespace Intake.Training;

/// <summary>The mean loss and its gradient over a mini-batch, computed shard by shard (see <see cref="ShardRunner"/>).</summary>
internal sealed class BatchGradient
{
    private readonly MlpShape shape;
    private readonly int maxDegreeOfParallelism;
    private readonly GradientShard[] shards;
    private readonly TransposedWeights transposed;

    public BatchGradient(MlpShape shape, int maxDegreeOfParallelism)
    {
        this.shape = shape;
        this.maxDegreeOfParallelism = maxDegreeOfParallelism;
        shards = [.. Enumerable.Range(0, ShardRunner.ShardCount).Select(_ => new GradientShard(shape))];
        transposed = new TransposedWeights(shape);
    }

    public float[] Gradient => shards[0].Gradient;

    /// <summary>Leaves the batch gradient in <see cref="Gradient"/> and returns the batch's mean loss.</summary>
    /// <param name="positions">Target positions in <paramref name="stream"/>.</param>
    public double Compute(float[] parameters, TokenStream stream, int[] positions)
    {
        transposed.Refresh(parameters);
        var scale = 1f / positions.Length;
        ShardRunner.Run(maxDegreeOfParallelism, index =>
        {
            var shard = shards[index];
            Array.Clear(shard.Gradient);
            shard.LossSum = 0;
            var (start, end) = ShardRunner.Range(index, positions.Length);
            for (var i = start; i < end; i++)
            {
                var target = stream.TokenAt(positions[i]);
                stream.CopyContext(positions[i], shard.Workspace.Context);
                MlpForward.Run(shape, parameters, shard.Workspace);
                shard.LossSum += VectorMath.SoftmaxCrossEntropy(shard.Workspace.Output, target);
                MlpBackward.Accumulate(shape, transposed, shard.Workspace, target, scale, shard.Gradient);
            }
        });

        var lossSum = shards[0].LossSum;
        for (var i = 1; i < shards.Length; i++)
        {
            VectorMath.Add(shards[0].Gradient, shards[i].Gradient);
            lossSum += shards[i].LossSum;
        }

        return lossSum / positions.Length;
    }
}
