using Intake.Bench.Results;
using Npgsql;

namespace Intake.Bench.Db;

/// <summary>Direct reads (and the relay backlog reset) on the benchmark database.</summary>
public sealed class BenchDb(NpgsqlDataSource database)
{
    /// <summary>pgbench's outbox rows are parked at available_at = infinity: not counted, never relayed.</summary>
    private const string Unsent = "sent_at IS NULL AND available_at < 'infinity'";

    public NpgsqlDataSource DataSource => database;

    /// <summary>
    /// Before every measured run: pgbench's parked outbox rows are marked sent (as the relay marks
    /// the app's), so they never sit in the relay's partial index or skew its statistics, and the
    /// hot tables are vacuumed and analysed, so every run starts from the same state.
    /// </summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        await using (var park = database.CreateCommand("UPDATE outbox_messages SET sent_at = now() WHERE available_at = 'infinity' AND sent_at IS NULL"))
        {
            await park.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var vacuum = database.CreateCommand("VACUUM (ANALYZE) outbox_messages, jobs, idempotency_keys");
        vacuum.CommandTimeout = 300;
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> UnsentAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT count(*) FROM outbox_messages WHERE {Unsent}");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Waits until the relay has sent everything (bounded); returns the backlog found and the seconds it took.</summary>
    public async Task<(long Backlog, double Seconds, bool Drained)> WaitForRelayAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var backlog = await UnsentAsync(cancellationToken);
        var remaining = backlog;
        while (remaining > 0 && started.Elapsed < timeout)
        {
            await Task.Delay(50, cancellationToken);
            remaining = await UnsentAsync(cancellationToken);
        }

        return (backlog, backlog == 0 ? 0 : started.Elapsed.TotalSeconds, remaining == 0);
    }

    /// <summary>Marks the newest <paramref name="count"/> sent rows unsent again (a backlog of real app rows).</summary>
    public async Task<long[]> ResetSentAsync(int count, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            """
            WITH picked AS (SELECT id FROM outbox_messages WHERE sent_at IS NOT NULL AND available_at < 'infinity' ORDER BY id DESC LIMIT $1)
            UPDATE outbox_messages o SET sent_at = NULL FROM picked WHERE o.id = picked.id RETURNING o.id
            """);
        command.Parameters.AddWithValue(count);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids.ToArray();
    }

    /// <summary>
    /// EXPLAIN (ANALYZE, BUFFERS) of the relay's claim as the relay writes it (ordered like its
    /// partial index: available_at, id), and of the first version's ORDER BY id for comparison, in a
    /// transaction that is rolled back.
    /// </summary>
    public async Task<IReadOnlyList<ExplainResult>> ExplainClaimAsync(CancellationToken cancellationToken)
    {
        var explainer = new Profile.Explainer(database);
        const string claim = "SELECT * FROM outbox_messages WHERE sent_at IS NULL AND available_at <= now() ORDER BY {0} LIMIT 100 FOR UPDATE SKIP LOCKED";
        return
        [
            await explainer.ExplainAsync("relay claim as written (ORDER BY available_at, id, like ix_outbox_messages_unsent), with the backlog", string.Format(System.Globalization.CultureInfo.InvariantCulture, claim, "available_at, id"), cancellationToken),
            await explainer.ExplainAsync("the first version's claim (ORDER BY id), for comparison", string.Format(System.Globalization.CultureInfo.InvariantCulture, claim, "id"), cancellationToken),
        ];
    }

    /// <summary>The newest outbox row's id: rows written after this call have larger ids.</summary>
    public async Task<long> OutboxHighWaterAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT coalesce(max(id), 0) FROM outbox_messages");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The app's sent outbox rows after <paramref name="afterId"/> (pgbench's are parked at infinity), and in how many relay batches.</summary>
    public async Task<(long Rows, long Batches)> SentSinceAsync(long afterId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT count(*), count(DISTINCT sent_at) FROM outbox_messages WHERE id > $1 AND available_at < 'infinity' AND sent_at IS NOT NULL");
        command.Parameters.AddWithValue(afterId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public async Task<RelayBatches> RelayBatchesAsync(long[] ids, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            """
            SELECT count(*), count(*) FILTER (WHERE sent_at IS NULL), count(DISTINCT sent_at)::int,
                   count(*) FILTER (WHERE sent_at = (SELECT min(sent_at) FROM outbox_messages WHERE id = ANY($1))),
                   min(sent_at), max(sent_at)
            FROM outbox_messages WHERE id = ANY($1)
            """);
        command.Parameters.AddWithValue(ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new RelayBatches(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetInt64(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));
    }

    public async Task<JobTiming> JobTimingAsync(string[] users, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            """
            SELECT count(*), count(*) FILTER (WHERE status = 'succeeded'), count(*) FILTER (WHERE status = 'failed'),
                   count(*) FILTER (WHERE attempts > 1), min(created_at), max(completed_at)
            FROM jobs WHERE user_id = ANY($1)
            """);
        command.Parameters.AddWithValue(users);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new JobTiming(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));
    }

    /// <summary>Jobs completed per 100 ms since <paramref name="origin"/>, cumulative.</summary>
    public async Task<IReadOnlyList<TimelinePoint>> CompletionTimelineAsync(string[] users, DateTimeOffset origin, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            """
            SELECT floor(extract(epoch from completed_at - $2) * 10) / 10 AS t, count(*)
            FROM jobs WHERE user_id = ANY($1) AND completed_at IS NOT NULL
            GROUP BY 1 ORDER BY 1
            """);
        command.Parameters.AddWithValue(users);
        command.Parameters.AddWithValue(origin);
        var points = new List<TimelinePoint>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            total += reader.GetInt64(1);
            points.Add(new TimelinePoint(Convert.ToDouble(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), total));
        }

        return points;
    }

    /// <summary>
    /// Per job of these users: job created_at → its outbox row's sent_at (commit + relay claim +
    /// broker confirm + the relay's own commit) in milliseconds.
    /// </summary>
    public async Task<IReadOnlyList<double>> RelayDelaysAsync(string[] users, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            """
            SELECT extract(epoch from o.sent_at - j.created_at) * 1000
            FROM jobs j JOIN outbox_messages o ON o.body->>'jobId' = j.id::text
            WHERE j.user_id = ANY($1) AND o.sent_at IS NOT NULL
            """);
        command.Parameters.AddWithValue(users);
        var delays = new List<double>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            delays.Add(Convert.ToDouble(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return delays;
    }

    /// <summary>Jobs per key, for keys starting with <paramref name="prefix"/>.</summary>
    public async Task<IReadOnlyDictionary<string, long>> JobsPerKeyAsync(string[] users, string prefix, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT idempotency_key, count(*) FROM jobs WHERE user_id = ANY($1) AND idempotency_key LIKE $2 GROUP BY 1");
        command.Parameters.AddWithValue(users);
        command.Parameters.AddWithValue(prefix + "%");
        var counts = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>Average stored row size of the app's rows and of pgbench's rows, per table.</summary>
    public async Task<IReadOnlyList<RowSize>> RowSizesAsync(CancellationToken cancellationToken)
    {
        var sizes = new List<RowSize>();
        foreach (var (table, baseline) in new[]
        {
            ("idempotency_keys", "user_id LIKE 'pgbench-%'"),
            ("jobs", "user_id LIKE 'pgbench-%'"),
            ("outbox_messages", "available_at = 'infinity'"),
        })
        {
            await using var command = database.CreateCommand(
                $"SELECT coalesce(avg(pg_column_size(t.*)) FILTER (WHERE NOT ({baseline})), 0)::float8, coalesce(avg(pg_column_size(t.*)) FILTER (WHERE {baseline}), 0)::float8 FROM {table} t");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            sizes.Add(new RowSize(table, reader.GetDouble(0), reader.GetDouble(1)));
        }

        return sizes;
    }
}
