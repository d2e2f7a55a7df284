using Npgsql;

namespace Intake.Chaos.Stack;

/// <summary>The chaos run's own connections to the database (for fault timing, drain and verification).</summary>
public sealed class ChaosDb(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(
        $"{connectionString};Application Name=chaos-console;Timeout=5;Command Timeout=120;Maximum Pool Size=8");

    public async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = _source.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The scalar, or null while the database is unreachable (it is being restarted).</summary>
    public async Task<long?> TryScalarAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        try
        {
            return await ScalarAsync(sql, cancellationToken, parameters);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return null;
        }
    }

    public async Task<List<object?[]>> RowsAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
