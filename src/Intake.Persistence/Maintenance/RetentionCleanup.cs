using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Intake.Persistence.Maintenance;

/// <summary>Runs <see cref="RetentionSweeper"/> at start-up and then every <c>Maintenance:KeyCleanupInterval</c>.</summary>
public sealed class RetentionCleanup(
    RetentionSweeper sweeper, IOptions<MaintenanceOptions> options, TimeProvider clock, ILogger<RetentionCleanup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.KeyCleanupInterval, clock);
        do
        {
            try
            {
                var result = await sweeper.SweepOnceAsync(stoppingToken);
                logger.LogInformation(
                    "Retention sweep deleted {Keys} expired keys, {Inbox} inbox rows and {Outbox} sent outbox rows in {Batches} batches",
                    result.KeysDeleted, result.InboxDeleted, result.OutboxDeleted, result.Batches);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A failed sweep (database briefly away) only delays cleanup; the next tick retries.
                logger.LogWarning(exception, "Retention sweep failed; retrying at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
