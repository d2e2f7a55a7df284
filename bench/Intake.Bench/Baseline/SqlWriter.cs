namespace Intake.Bench.Baseline;

/// <summary>
/// Writes INSERTs that match a template row column for column: the same literal values (so the
/// same sizes), with fresh time-ordered uuids (the app's ids are UUIDv7), the caller's user and
/// key expressions, and timestamps relative to now().
/// </summary>
public static class SqlWriter
{
    /// <summary>A time-ordered uuid (48-bit milliseconds, then random), like UUIDv7 for index locality.</summary>
    public const string TimeOrderedUuid =
        "(lpad(to_hex((extract(epoch from clock_timestamp()) * 1000)::bigint), 12, '0') || substr(md5(random()::text), 1, 20))::uuid";

    public static string Insert(RowTemplate row, string userExpression, string? keyExpression, bool parkOutbox)
    {
        var columns = row.Columns.Where(c => !c.IsIdentity).ToList();
        var values = columns.Select(c => Value(row.Table, c, userExpression, keyExpression, parkOutbox));
        return $"INSERT INTO {row.Table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", values)})";
    }

    /// <summary>The key insert exactly as the app issues it: ON CONFLICT … DO UPDATE … WHERE expired.</summary>
    public static string KeyInsert(RowTemplate keyRow, string userExpression, string keyExpression)
    {
        var insert = Insert(keyRow, userExpression, keyExpression, parkOutbox: false)
            .Replace("INSERT INTO idempotency_keys (", "INSERT INTO idempotency_keys AS k (", StringComparison.Ordinal);
        var updates = keyRow.Columns
            .Where(c => !c.IsIdentity && c.Name is not ("user_id" or "key"))
            .Select(c => $"{c.Name} = EXCLUDED.{c.Name}");
        return $"{insert} ON CONFLICT (user_id, key) DO UPDATE SET {string.Join(", ", updates)} WHERE k.expires_at <= EXCLUDED.created_at";
    }

    public static string SelectColumns(RowTemplate row) => string.Join(", ", row.Columns.Select(c => c.Name));

    private static string Value(string table, TemplateColumn column, string user, string? key, bool parkOutbox)
    {
        if (column.IsNull)
        {
            return "NULL";
        }

        if (column.Name == "user_id")
        {
            return user;
        }

        if (key is not null && ((table == "idempotency_keys" && column.Name == "key") || (table == "jobs" && column.Name == "idempotency_key")))
        {
            return key;
        }

        if (column.DataType == "uuid")
        {
            return TimeOrderedUuid;
        }

        if (column.DataType.StartsWith("timestamp", StringComparison.Ordinal))
        {
            // Parked rows are invisible to the API's relay (available_at <= now never holds), yet
            // they enter the same partial "unsent" index as the app's rows.
            if (parkOutbox && table == "outbox_messages" && column.Name == "available_at")
            {
                return "'infinity'";
            }

            return column.MicrosAfterCreated is { } micros && micros != 0
                ? $"now() + interval '{micros} microseconds'"
                : "now()";
        }

        return column.Literal;
    }
}
