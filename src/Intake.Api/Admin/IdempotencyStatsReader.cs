using System.Data.Common;
using Intake.Persistence;
using Intake.Persistence.Security;
using Microsoft.EntityFrameworkCore;

namespace Intake.Api.Admin;

/// <summary>Reads v_idempotency_stats (raw SQL: the view and its counters table are not in the EF model).</summary>
public sealed class IdempotencyStatsReader(IntakeDbContext db, TimeProvider clock)
{
    public async Task<IdempotencyStats> ReadAsync(CancellationToken cancellationToken)
    {
        var rows = await ReadRowsAsync(cancellationToken);
        var keys = rows.Where(r => r.Metric == "keys").ToList();
        var outcomes = rows.Where(r => r.Metric == "outcomes").ToList();
        var inFlight = rows.Single(r => r.Metric == "in_flight");

        var keysByType = keys.GroupBy(r => r.JobType!).ToDictionary(
            g => g.Key,
            g => new KeyCounts(Sum(g, "live"), Sum(g, "expired"), g.Min(r => r.OldestAt)));
        var outcomesByType = outcomes.GroupBy(r => r.JobType!).ToDictionary(
            g => g.Key,
            g => new OutcomeCounts(Sum(g, IdempotencyOutcomes.Replayed), Sum(g, IdempotencyOutcomes.Mismatched)));

        return new IdempotencyStats(
            clock.GetUtcNow(),
            new KeyStats(Sum(keys, "live"), Sum(keys, "expired"), keysByType),
            new OutcomeStats(Sum(outcomes, IdempotencyOutcomes.Replayed), Sum(outcomes, IdempotencyOutcomes.Mismatched), outcomesByType),
            new InFlightStats(inFlight.Value, inFlight.OldestAt, inFlight.AgeSeconds));
    }

    private static long Sum(IEnumerable<IdempotencyStatsRow> rows, string state) =>
        rows.Where(r => r.State == state).Sum(r => r.Value);

    private async Task<List<IdempotencyStatsRow>> ReadRowsAsync(CancellationToken cancellationToken)
    {
        // Statistics span every user's keys: the system scope, for this read only. (The view runs
        // with its owner's rights anyway; the scope keeps this correct if it ever becomes
        // security_invoker.)
        using var rowSecurity = RowSecurity.ForSystem();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText =
                """
                SELECT metric, job_type, state, value, oldest_at,
                       extract(epoch FROM clock_timestamp() - oldest_at)::float8 AS age_seconds
                FROM v_idempotency_stats
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<IdempotencyStatsRow>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new IdempotencyStatsRow(
                    reader.GetString(0),
                    await reader.IsDBNullAsync(1, cancellationToken) ? null : reader.GetString(1),
                    reader.GetString(2),
                    reader.GetInt64(3),
                    await reader.IsDBNullAsync(4, cancellationToken) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                    await reader.IsDBNullAsync(5, cancellationToken) ? null : reader.GetDouble(5)));
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
