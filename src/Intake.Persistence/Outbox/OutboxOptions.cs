namespace Intake.Persistence.Outbox;

public sealed class OutboxOptions
{
    /// <summary>Rows claimed and sent per transaction.</summary>
    public int BatchSize { get; set; } = 250;

    /// <summary>
    /// Batches in flight at once. While one batch waits for the broker's confirms, the next one is
    /// claimed (FOR UPDATE SKIP LOCKED keeps their rows apart) and sent; 1 relays strictly batch by batch.
    /// </summary>
    public int MaxConcurrentBatches { get; set; } = 2;

    /// <summary>
    /// When commits arrived while a batch was in flight, how long the relay waits before claiming
    /// again so that one batch takes several commits' rows (fewer transactions under load); an
    /// idle relay claims at once. Zero claims at once always.
    /// </summary>
    public TimeSpan CoalesceDelay { get; set; } = TimeSpan.FromMilliseconds(3);

    /// <summary>Fallback poll when no commit in this process woke the relay (other instances, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one batch may wait for the broker's confirms before it is given up and retried.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound of the per-row backoff after failed sends.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>/health/ready reports Degraded once the oldest unsent row is older than this.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How old the cached backlog (count, oldest row) may get before the next reader queries it again.</summary>
    public TimeSpan BacklogRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
