using Intake.Persistence.Entities;
using Npgsql;

namespace Intake.Persistence.Outbox;

/// <summary>
/// The database side of one relay batch, in two round trips: the lease's start and BEGIN with the
/// claim (the rows stay locked, FOR UPDATE SKIP LOCKED, while they are sent), then the outcome
/// with COMMIT. The transaction is driven with SQL because NpgsqlTransaction.Commit would be a
/// third round trip of its own; under load the relay runs a batch per few commits, so its round
/// trips are a visible share of what a submission costs the database.
///
/// A claim that fails before its COMMIT is not rolled back here: closing the connection does it
/// (Npgsql rolls back an open transaction before the connection goes back to its pool, and a
/// broken connection is discarded with its session), and a ROLLBACK of our own could only fail
/// in place of the error that matters.
/// </summary>
internal sealed class OutboxClaim(NpgsqlConnection connection)
{
    private const string ClaimSql = """
        SELECT id, job_id, message_id, message_type, destination, body, created_at, available_at, attempts, trace_parent, trace_state
        FROM outbox_messages
        WHERE sent_at IS NULL AND available_at <= $1
        ORDER BY available_at, id
        LIMIT $2
        FOR UPDATE SKIP LOCKED
        """;

    private const string MarkSentSql = "UPDATE outbox_messages SET sent_at = $1 WHERE id = ANY($2)";

    private const string PostponeSql = """
        UPDATE outbox_messages SET attempts = $2, last_error = $3, available_at = $4 WHERE id = $1
        """;

    public List<OutboxMessage> Messages { get; } = [];

    /// <summary>
    /// Begins the transaction and locks up to <paramref name="limit"/> rows that are due, after the
    /// commands that start the connection's lease (<paramref name="leaseStart"/>, of which only the
    /// last returns a result set), in the same round trip.
    /// </summary>
    public async Task ClaimAsync(
        IReadOnlyList<NpgsqlBatchCommand> leaseStart, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var command in leaseStart)
        {
            batch.BatchCommands.Add(command);
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(ClaimSql)
        {
            Parameters =
            {
                new NpgsqlParameter<DateTimeOffset> { TypedValue = now },
                new NpgsqlParameter<int> { TypedValue = limit },
            },
        });

        // BEGIN and RESET return no result set, so the reader starts on the identity's row, if
        // any, and then on the claim's rows.
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (leaseStart.Count > 0)
        {
            await reader.NextResultAsync(cancellationToken);
        }

        while (await reader.ReadAsync(cancellationToken))
        {
            Messages.Add(new OutboxMessage
            {
                Id = reader.GetInt64(0),
                JobId = reader.IsDBNull(1) ? null : reader.GetGuid(1),
                MessageId = reader.GetGuid(2),
                MessageType = reader.GetString(3),
                Destination = reader.GetString(4),
                Body = reader.GetString(5),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(6),
                AvailableAt = reader.GetFieldValue<DateTimeOffset>(7),
                Attempts = reader.GetInt32(8),
                TraceParent = reader.IsDBNull(9) ? null : reader.GetString(9),
                TraceState = reader.IsDBNull(10) ? null : reader.GetString(10),
            });
        }
    }

    /// <summary>
    /// Marks the sent rows sent, stores the failed rows' attempt, error and next try (already set
    /// on them by the caller), and commits: one round trip.
    /// </summary>
    public async Task CommitAsync(IReadOnlyList<long> sentIds, DateTimeOffset sentAt, IEnumerable<OutboxMessage> failed, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (sentIds.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(MarkSentSql)
            {
                Parameters =
                {
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = sentAt },
                    new NpgsqlParameter<long[]> { TypedValue = [.. sentIds] },
                },
            });
        }

        foreach (var message in failed)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(PostponeSql)
            {
                Parameters =
                {
                    new NpgsqlParameter<long> { TypedValue = message.Id },
                    new NpgsqlParameter<int> { TypedValue = message.Attempts },
                    new NpgsqlParameter { Value = (object?)message.LastError ?? DBNull.Value },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = message.AvailableAt },
                },
            });
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
