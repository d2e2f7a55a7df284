using Intake.Persistence.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Intake.Persistence.Maintenance;

/// <summary>
/// Deletes expired idempotency keys, old inbox rows and old sent outbox rows in small batches.
/// Each batch is its own statement (its own transaction), so locks are few and short; SKIP LOCKED
/// lets several instances sweep side by side, and never waits on a row a request is using.
/// </summary>
public sealed class RetentionSweeper(IServiceScopeFactory scopes, IOptions<MaintenanceOptions> options, TimeProvider clock)
{
    // An expired key row can be in use by a request taking it over (ON CONFLICT … WHERE expired):
    // SKIP LOCKED leaves it to that request instead of blocking on it.
    private const string DeleteExpiredKeys = """
        DELETE FROM idempotency_keys WHERE ctid IN (
            SELECT ctid FROM idempotency_keys WHERE expires_at < {0} LIMIT {1} FOR UPDATE SKIP LOCKED)
        """;

    private const string DeleteOldInboxRows = """
        DELETE FROM inbox_messages WHERE ctid IN (
            SELECT ctid FROM inbox_messages WHERE processed_at < {0} LIMIT {1} FOR UPDATE SKIP LOCKED)
        """;

    // Unsent rows are never deleted, however old: they are commands still owed to the broker.
    private const string DeleteOldSentOutboxRows = """
        DELETE FROM outbox_messages WHERE ctid IN (
            SELECT ctid FROM outbox_messages WHERE sent_at IS NOT NULL AND sent_at < {0} LIMIT {1} FOR UPDATE SKIP LOCKED)
        """;

    /// <summary>One complete sweep of all three tables.</summary>
    public async Task<SweepResult> SweepOnceAsync(CancellationToken cancellationToken = default)
    {
        using var rowSecurity = RowSecurity.ForSystem(); // cross-user by nature
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var batches = 0;
        var keys = await DeleteInBatchesAsync(DeleteExpiredKeys, now, settings.BatchSize, () => batches++, cancellationToken);
        var inbox = await DeleteInBatchesAsync(DeleteOldInboxRows, now - settings.InboxRetention, settings.BatchSize, () => batches++, cancellationToken);
        var outbox = await DeleteInBatchesAsync(DeleteOldSentOutboxRows, now - settings.OutboxRetention, settings.BatchSize, () => batches++, cancellationToken);
        return new SweepResult(keys, inbox, outbox, batches);
    }

    private async Task<int> DeleteInBatchesAsync(
        string sql, DateTimeOffset cutoff, int batchSize, Action countBatch, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            var deleted = await db.Database.ExecuteSqlRawAsync(sql, [cutoff, batchSize], cancellationToken);
            countBatch();
            total += deleted;

            // A short batch means nothing eligible is left (or the rest is locked by someone else).
            if (deleted < batchSize)
            {
                return total;
            }
        }
    }
}
