using Npgsql;

namespace Intake.Bench.Baseline;

/// <summary>Reads a row the app wrote, column by column, from whatever the schema is today.</summary>
public sealed class RowTemplateReader(NpgsqlDataSource database)
{
    /// <param name="where">A condition on $1, $2, … bound to <paramref name="parameters"/>.</param>
    public async Task<RowTemplate> ReadAsync(string table, string where, IReadOnlyList<object> parameters, CancellationToken cancellationToken)
    {
        var columns = new List<(string Name, string Type, bool Identity)>();
        await using (var command = database.CreateCommand(
            """
            SELECT column_name, data_type, is_identity = 'YES'
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'
            ORDER BY ordinal_position
            """))
        {
            command.Parameters.AddWithValue(table);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
            }
        }

        if (columns.Count == 0)
        {
            throw new InvalidOperationException($"table {table} not found");
        }

        var hasCreatedAt = columns.Any(c => c.Name == "created_at");
        var selects = columns.Select(c => $"quote_nullable(\"{c.Name}\")")
            .Concat(columns.Select(c => c.Type.StartsWith("timestamp", StringComparison.Ordinal) && hasCreatedAt
                ? $"(extract(epoch from (\"{c.Name}\" - created_at)) * 1000000)::bigint"
                : "NULL::bigint"));
        var sql = $"SELECT {string.Join(", ", selects)} FROM \"{table}\" WHERE {where} LIMIT 1";
        await using var select = database.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            select.Parameters.AddWithValue(parameter);
        }

        await using var row = await select.ExecuteReaderAsync(cancellationToken);
        if (!await row.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"no {table} row where {where}");
        }

        var values = columns.Select((c, i) => new TemplateColumn(
            c.Name,
            c.Type,
            c.Identity,
            row.GetString(i),
            row.IsDBNull(columns.Count + i) ? null : row.GetInt64(columns.Count + i))).ToList();
        return new RowTemplate(table, values);
    }
}
