using Intake.IntegrationTests.Infrastructure;

namespace Intake.IntegrationTests.Security;

/// <summary>Row counts of every table a request could write to, to prove a refused request wrote nothing.</summary>
public static class RowCounts
{
    private static readonly string[] Tables =
    [
        "idempotency_keys", "jobs", "outbox_messages", "documents", "document_chunks", "datasets", "training_runs",
    ];

    public static async Task<IReadOnlyDictionary<string, long>> ReadAsync(PostgresService postgres)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in Tables)
        {
            counts[table] = await postgres.ScalarAsync($"SELECT count(*) FROM {table}");
        }

        return counts;
    }
}
