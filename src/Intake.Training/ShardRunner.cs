namespace Intake.Training;

/// <summary>
/// Splits work into a fixed number of shards whose results the caller combines in shard order. The shard
/// count never depends on the number of cores, so the floating-point sums, and hence the trained model,
/// are the same whether the shards run on one thread or on four.
/// </summary>
internal static class ShardRunner
{
    public const int ShardCount = 4;

    public static (int Start, int End) Range(int shard, int length) =>
        ((int)((long)length * shard / ShardCount), (int)((long)length * (shard + 1) / ShardCount));

    public static void Run(int maxDegreeOfParallelism, Action<int> runShard)
    {
        if (maxDegreeOfParallelism <= 1)
        {
            for (var shard = 0; shard < ShardCount; shard++)
            {
                runShard(shard);
            }

            return;
        }

        Parallel.For(0, ShardCount, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, runShard);
    }
}
