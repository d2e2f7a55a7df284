using Microsoft.Extensions.Configuration;

namespace Intake.Persistence.Maintenance;

/// <summary>
/// The longest time a command can still be redelivered after its job first ran. An inbox row
/// deleted before that would let a late redelivery run the job a second time, so inbox retention
/// must be longer than this.
/// </summary>
public static class RedeliveryWindow
{
    /// <summary>
    /// Used when the workers' retry settings are not in this host's configuration (the API usually
    /// does not carry them), and as a lower bound otherwise: it also covers lease recovery
    /// (<c>Inbox:Lease</c>, 5 min) and a broker redelivering after a consumer's connection drops.
    /// </summary>
    public static readonly TimeSpan Floor = TimeSpan.FromHours(1);

    /// <summary>The largest <c>Workers:&lt;Kind&gt;:RetryMaxInterval × RetryLimit</c> configured, at least <see cref="Floor"/>.</summary>
    public static TimeSpan Longest(IConfiguration configuration)
    {
        var retries = LongestRetrySpan(configuration);
        return retries > Floor ? retries : Floor;
    }

    /// <summary>
    /// The largest <c>Workers:&lt;Kind&gt;:RetryMaxInterval × RetryLimit</c> configured: how long a
    /// worker may hold one message through its in-memory retries. Zero when none is configured.
    /// </summary>
    public static TimeSpan LongestRetrySpan(IConfiguration configuration)
    {
        var longest = TimeSpan.Zero;
        foreach (var kind in configuration.GetSection("Workers").GetChildren())
        {
            var maxInterval = kind.GetValue<TimeSpan?>("RetryMaxInterval");
            var limit = kind.GetValue<int?>("RetryLimit");
            if (maxInterval is { } interval && limit is { } retries && retries > 0)
            {
                var window = interval * retries;
                longest = window > longest ? window : longest;
            }
        }

        return longest;
    }

    /// <summary>Refuses a configuration under which a late redelivery could run a job twice.</summary>
    public static void EnsureInboxOutlives(MaintenanceOptions options, IConfiguration configuration)
    {
        var window = Longest(configuration);
        if (options.InboxRetention <= window)
        {
            throw new InvalidOperationException(
                $"Maintenance:InboxRetention ({options.InboxRetention}) must be longer than the longest redelivery delay ({window}: " +
                "the largest Workers:<Kind>:RetryMaxInterval × RetryLimit, at least 1 hour). A shorter retention would let a late " +
                "redelivery find no inbox row and run its job again.");
        }
    }
}
