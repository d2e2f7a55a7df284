namespace Intake.Workers.Hosting;

/// <summary>Per job type: how many run at once, how many the broker hands over ahead, how retries go.</summary>
public sealed class ConsumerSettings
{
    public int ConcurrentMessageLimit { get; set; } = 4;

    public int PrefetchCount { get; set; } = 8;

    /// <summary>Retries after the first attempt; the job fails after the last one.</summary>
    public int RetryLimit { get; set; } = 3;

    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(30);
}
