using Npgsql;

namespace Intake.IntegrationTests.Fuzzing;

/// <summary>Row counts of the tables a submission writes, read in one statement.</summary>
public sealed record WriteCounts(long Jobs, long Keys, long Outbox, long Documents)
{
    public static async Task<WriteCounts> ReadAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM jobs), (SELECT count(*) FROM idempotency_keys),
                   (SELECT count(*) FROM outbox_messages), (SELECT count(*) FROM documents)
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new WriteCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    public WriteCounts Minus(WriteCounts other) =>
        new(Jobs - other.Jobs, Keys - other.Keys, Outbox - other.Outbox, Documents - other.Documents);
}
