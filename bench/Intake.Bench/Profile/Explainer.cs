using System.Text;
using Intake.Bench.Results;
using Npgsql;

namespace Intake.Bench.Profile;

/// <summary>EXPLAIN (ANALYZE, BUFFERS, WAL) of statements of the submit path, each in a transaction that is rolled back.</summary>
public sealed class Explainer(NpgsqlDataSource database)
{
    public async Task<ExplainResult> ExplainAsync(string name, string sql, CancellationToken cancellationToken)
    {
        string plan = string.Empty;
        for (var run = 0; run < 3; run++)
        {
            // The last of three runs: caches and the plan cache are warm, as in steady state.
            plan = await RunOnceAsync(sql, cancellationToken);
        }

        return new ExplainResult(name, sql, plan);
    }

    private async Task<string> RunOnceAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"EXPLAIN (ANALYZE, BUFFERS, WAL, TIMING, SUMMARY) {sql}", connection, transaction);
        var plan = new StringBuilder();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                plan.AppendLine(reader.GetString(0));
            }
        }

        await transaction.RollbackAsync(cancellationToken);
        return plan.ToString().TrimEnd();
    }
}
