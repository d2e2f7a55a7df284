namespace Intake.Training;

/// <summary>Mean cross-entropy over every target of a stream, forward passes only.</summary>
internal static class MlpEvaluator
{
    private const int CancellationCheckInterval = 256;

    /// <returns>Nats per character.</returns>
    public static double MeanLoss(MlpShape shape, float[] parameters, TokenStream stream, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        var sums = new double[ShardRunner.ShardCount];
        ShardRunner.Run(maxDegreeOfParallelism, shard =>
        {
            var workspace = new ExampleWorkspace(shape);
            var (start, end) = ShardRunner.Range(shard, stream.TargetCount);
            var sum = 0.0;
            for (var i = start; i < end; i++)
            {
                // Leave quietly; the caller throws once all shards have stopped.
                if (i % CancellationCheckInterval == 0 && cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                var position = stream.TargetPosition(i);
                stream.CopyContext(position, workspace.Context);
                MlpForward.Run(shape, parameters, workspace);
                sum += VectorMath.SoftmaxCrossEntropy(workspace.Output, stream.TokenAt(position));
            }

            sums[shard] = sum;
        });
        cancellationToken.ThrowIfCancellationRequested();

        // Summed in shard order, not as shards finish: the same total on any number of threads.
        var total = 0.0;
        foreach (var sum in sums)
        {
            total += sum;
        }

        return total / stream.TargetCount;
    }
}
