using Intake.ServiceDefaults.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Intake.Persistence.Outbox;

/// <summary>
/// The outbox backlog (unsent rows and the oldest one's commit time), queried at most once per
/// <see cref="OutboxOptions.BacklogRefreshInterval"/> however often the relay, a health probe or a
/// metrics scrape asks. Each refresh is published to the outbox gauges.
/// </summary>
public sealed class OutboxBacklogMonitor(
    IServiceScopeFactory scopeFactory,
    IntakeMetrics metrics,
    IOptions<OutboxOptions> options,
    TimeProvider clock)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private OutboxBacklog? _latest;

    /// <summary>The cached backlog if it is fresh enough, else a new count.</summary>
    public async Task<OutboxBacklog> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        // One query at a time: concurrent callers wait for it and share its answer.
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } refreshed)
            {
                return refreshed;
            }

            await using var scope = scopeFactory.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            var unsent = db.OutboxMessages.AsNoTracking().Where(m => m.SentAt == null);
            var count = await unsent.LongCountAsync(cancellationToken);
            var oldest = count == 0 ? null : await unsent.MinAsync(m => (DateTimeOffset?)m.CreatedAt, cancellationToken);
            var backlog = new OutboxBacklog(count, oldest, clock.GetUtcNow());
            Volatile.Write(ref _latest, backlog);
            metrics.ReportOutboxBacklog(backlog);
            return backlog;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private OutboxBacklog? Fresh() =>
        Volatile.Read(ref _latest) is { } latest && clock.GetUtcNow() - latest.MeasuredAt < options.Value.BacklogRefreshInterval
            ? latest
            : null;
}
