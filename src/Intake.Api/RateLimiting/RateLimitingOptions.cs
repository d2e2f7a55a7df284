namespace Intake.Api.RateLimiting;

/// <summary>
/// A token bucket per caller on /v1. The defaults are generous: they stop a runaway client, not
/// a busy one (a burst of 50 concurrent submissions from one user fits).
/// </summary>
public sealed class RateLimitingOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Bucket size: the largest burst a caller can make.</summary>
    public int TokenLimit { get; set; } = 200;

    /// <summary>Tokens added back every <see cref="ReplenishmentPeriod"/>: the sustained rate.</summary>
    public int TokensPerPeriod { get; set; } = 100;

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
