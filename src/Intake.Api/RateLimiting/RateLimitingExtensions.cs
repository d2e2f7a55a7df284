using System.Globalization;
using System.Threading.RateLimiting;
using Intake.Api.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace Intake.Api.RateLimiting;

public static class RateLimitingExtensions
{
    /// <summary>Per-caller token buckets on /v1, configured from the "RateLimiting" section.</summary>
    public static IHostApplicationBuilder AddIntakeRateLimiting(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("RateLimiting").Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        if (options.Enabled && (options.TokenLimit < 1 || options.TokensPerPeriod < 1 || options.ReplenishmentPeriod <= TimeSpan.Zero))
        {
            throw new InvalidOperationException(
                "RateLimiting:TokenLimit and TokensPerPeriod must be at least 1 and ReplenishmentPeriod positive.");
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(
                http => options.Enabled ? CallerPartition.For(http, options) : RateLimitPartition.GetNoLimiter("disabled"));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, cancellationToken) => RejectAsync(context, options, cancellationToken);
        });
        return builder;
    }

    /// <summary>
    /// Runs after authentication (the bucket is the user's) and before any endpoint, so a rejected
    /// request never reaches the idempotency code and nothing is stored under its key.
    /// </summary>
    public static WebApplication UseIntakeRateLimiting(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, RateLimitingOptions options, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.ReplenishmentPeriod;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.RateLimited(retryAfter).ExecuteAsync(context.HttpContext);
    }
}
