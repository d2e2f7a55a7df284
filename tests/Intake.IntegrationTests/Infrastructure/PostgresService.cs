using Intake.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Respawn;

namespace Intake.IntegrationTests.Infrastructure;

/// <summary>The real PostgreSQL: migrated once per run, emptied between tests with Respawn.</summary>
public sealed class PostgresService
{
    private Respawner? _respawner;

    public string ConnectionString { get; } = TestEnvironment.PostgresConnectionString;

    public async Task InitializeAsync()
    {
        var options = new DbContextOptionsBuilder<IntakeDbContext>()
            .UseNpgsql(ConnectionString)
            .UseSnakeCaseNamingConvention()
            .Options;
        await using (var db = new IntakeDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__EFMigrationsHistory"],
        });
    }

    /// <summary>
    /// Empties every table. Work left over from the previous test (a late redelivery, a relay
    /// batch) can hold row locks while the reset locks whole tables; PostgreSQL then picks one
    /// side of the deadlock to fail, and if that is the reset, it simply runs again.
    /// </summary>
    public async Task ResetAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync();
                await _respawner!.ResetAsync(connection);
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await Task.Delay(100 * attempt);
            }
        }
    }

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
