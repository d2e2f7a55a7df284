namespace Intake.Workers.Hosting;

/// <summary>
/// Exponential backoff with jitter: the n-th retry waits min·2ⁿ (capped at max), scaled by a
/// random factor in [0.5, 1]. MassTransit's own exponential policy has no jitter, so the schedule
/// is drawn here when the endpoint is configured: each worker process gets its own, which keeps
/// the replicas of a job type from retrying in lock-step after a shared outage.
/// </summary>
public static class RetrySchedule
{
    public static TimeSpan[] Exponential(int retries, TimeSpan min, TimeSpan max, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        var intervals = new TimeSpan[retries];
        for (var n = 0; n < retries; n++)
        {
            var exponential = min * Math.Pow(2, Math.Min(n, 30));
            var capped = exponential < max ? exponential : max;
            intervals[n] = capped * (0.5 + (random.NextDouble() / 2));
        }

        return intervals;
    }
}
