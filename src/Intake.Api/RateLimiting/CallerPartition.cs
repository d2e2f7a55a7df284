using System.Threading.RateLimiting;

namespace Intake.Api.RateLimiting;

/// <summary>Which bucket a request draws from: the user (`sub`) when authenticated, else the client IP.</summary>
public static class CallerPartition
{
    public static RateLimitPartition<string> For(HttpContext http, RateLimitingOptions options)
    {
        // Only /v1 is limited: health probes and the API description must always answer.
        if (!http.Request.Path.StartsWithSegments("/v1"))
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        // Prefixes keep a user named like an IP address from sharing that address's bucket.
        var subject = http.User.FindFirst("sub")?.Value;
        var partitionKey = subject is not null
            ? "user:" + subject
            : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return RateLimitPartition.GetTokenBucketLimiter(partitionKey, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.TokenLimit,
            TokensPerPeriod = options.TokensPerPeriod,
            ReplenishmentPeriod = options.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
