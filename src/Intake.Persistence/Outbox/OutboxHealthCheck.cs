using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Intake.Persistence.Outbox;

/// <summary>
/// Degraded (still ready: the API keeps accepting work, which waits safely in the outbox) once the
/// oldest unsent row is older than <see cref="OutboxOptions.DegradedAfter"/>: the relay is stuck
/// or the broker is unreachable, and jobs are not starting.
/// </summary>
internal sealed class OutboxHealthCheck(OutboxBacklogMonitor monitor, IOptions<OutboxOptions> options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backlog = await monitor.GetAsync(cancellationToken);
        var age = backlog.OldestAge(clock.GetUtcNow());
        var threshold = options.Value.DegradedAfter;
        var data = new Dictionary<string, object>
        {
            ["unsent"] = backlog.Unsent,
            ["oldestUnsentAgeSeconds"] = Math.Round(age.TotalSeconds, 1),
        };
        return age > threshold
            ? HealthCheckResult.Degraded(
                $"The oldest unsent outbox row is {Math.Round(age.TotalSeconds)} s old (threshold {threshold.TotalSeconds} s); {backlog.Unsent} rows are waiting to be sent.",
                data: data)
            : HealthCheckResult.Healthy($"{backlog.Unsent} unsent outbox rows.", data);
    }
}
