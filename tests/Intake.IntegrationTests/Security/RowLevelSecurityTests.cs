using Intake.IntegrationTests.Infrastructure;
using Intake.Persistence;
using Intake.Persistence.Entities;
using Intake.Persistence.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Intake.IntegrationTests.Security;

/// <summary>
/// PostgreSQL row-level security, the second line behind the API's own scoping, seen from the
/// application role (intake_app) the API and workers connect as. The rest of the suite runs the
/// API and workers on that role too, which proves every path sets its user.
/// </summary>
public sealed class RowLevelSecurityTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    private const string InsufficientPrivilege = "42501";

    private static readonly string[] UserOwnedTables =
    [
        "jobs", "job_checkpoints", "idempotency_keys", "inbox_messages", "documents", "document_chunks",
        "datasets", "dataset_examples", "training_runs",
    ];

    [Fact]
    public async Task The_app_role_owns_nothing_cannot_bypass_policies_and_every_table_but_the_outbox_has_them()
    {
        await using var app = await OpenAppAsync();

        Assert.Equal(
            "false|false",
            await ScalarAsync<string>(app, "SELECT rolsuper::text || '|' || rolbypassrls::text FROM pg_roles WHERE rolname = current_user"));
        Assert.Equal(0, await ScalarAsync<long>(app, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user"));

        // A new table is either user-owned (and needs policies) or exempt on purpose: the outbox
        // holds no user column and is read only by the relay; the idempotency outcome counters are
        // aggregates per job type (no user column); the migration history is the owner's.
        var withoutPolicies = await ListAsync(app, """
            SELECT relname FROM pg_class
            WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND NOT relrowsecurity
            ORDER BY relname COLLATE "C"
            """);
        Assert.Equal(new[] { "__EFMigrationsHistory", "idempotency_outcome_counts", "outbox_messages" }, withoutPolicies);

        var history = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<long>(app, """SELECT count(*) FROM "__EFMigrationsHistory" """));
        Assert.Equal(InsufficientPrivilege, history.SqlState);
    }

    [Fact]
    public async Task Without_a_user_set_no_user_owned_table_shows_a_row()
    {
        await RowLevelSecuritySeed.WriteAsync(Stack, "alice");
        await RowLevelSecuritySeed.WriteAsync(Stack, "bob");
        await using var app = await OpenAppAsync();

        // Null on a new session, empty on a pooled one after its reset: either way, no user.
        Assert.True(string.IsNullOrEmpty(await ScalarAsync<string?>(app, $"SELECT current_setting('{RowSecuritySettings.UserSetting}', true)")));
        foreach (var table in UserOwnedTables)
        {
            Assert.Equal(2 * RowLevelSecuritySeed.RowsPerUser[table], await Stack.Postgres.ScalarAsync($"SELECT count(*) FROM {table}"));
            Assert.True(0 == await ScalarAsync<long>(app, $"SELECT count(*) FROM {table}"), $"{table} shows rows without a user");
        }
    }

    [Fact]
    public async Task Without_a_user_set_no_user_owned_table_accepts_an_insert_that_the_owner_user_may_make()
    {
        var alice = await RowLevelSecuritySeed.WriteAsync(Stack, "alice");
        await using var app = await OpenAppAsync();

        foreach (var table in UserOwnedTables)
        {
            var row = await RowAsJsonAsync(table, alice.OwnRows(table));
            var refused = await Assert.ThrowsAsync<PostgresException>(() => InsertCopyAsync(app, table, row, alice.FreshKeys(table)));
            Assert.True(InsufficientPrivilege == refused.SqlState, $"{table}: {refused.MessageText}");

            // The same row is accepted for its own user, so the refusal above is the policy's.
            await using var transaction = await app.BeginTransactionAsync();
            await SetLocalAsync(app, RowSecuritySettings.UserSetting, "alice");
            Assert.Equal(1, await InsertCopyAsync(app, table, row, alice.FreshKeys(table)));
            await transaction.RollbackAsync();
        }
    }

    [Fact]
    public async Task With_user_a_set_user_b_rows_are_invisible_and_cannot_be_changed()
    {
        var alice = await RowLevelSecuritySeed.WriteAsync(Stack, "alice");
        var bob = await RowLevelSecuritySeed.WriteAsync(Stack, "bob");
        await using var app = await OpenAppAsync();
        await using var transaction = await app.BeginTransactionAsync();
        await SetLocalAsync(app, RowSecuritySettings.UserSetting, "alice");

        foreach (var table in UserOwnedTables)
        {
            Assert.True(
                RowLevelSecuritySeed.RowsPerUser[table] == await ScalarAsync<long>(app, $"SELECT count(*) FROM {table} WHERE {alice.OwnRows(table)}"),
                $"{table}: alice does not see her own rows");
            Assert.True(0 == await ScalarAsync<long>(app, $"SELECT count(*) FROM {table} WHERE {bob.OwnRows(table)}"), $"{table}: alice sees bob's rows");
            Assert.True(0 == await ExecuteAsync(app, $"DELETE FROM {table} WHERE {bob.OwnRows(table)}"), $"{table}: alice deleted bob's rows");
        }

        Assert.Equal(0, await ExecuteAsync(app, $"UPDATE jobs SET status = 'cancelled' WHERE id = '{bob.JobId}'"));
        Assert.Equal(0, await ExecuteAsync(app, $"UPDATE documents SET name = 'stolen' WHERE id = '{bob.DocumentId}'"));
        Assert.Equal(0, await ExecuteAsync(app, $"UPDATE dataset_examples SET content = 'x' WHERE dataset_id = '{bob.DatasetId}'"));

        // Nor can alice hand her own row to bob.
        await ExecuteAsync(app, "SAVEPOINT give_away");
        var giveAway = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, $"UPDATE jobs SET user_id = 'bob' WHERE id = '{alice.JobId}'"));
        Assert.Equal(InsufficientPrivilege, giveAway.SqlState);
        await ExecuteAsync(app, "ROLLBACK TO SAVEPOINT give_away");
        await transaction.CommitAsync();

        foreach (var table in UserOwnedTables)
        {
            Assert.Equal(RowLevelSecuritySeed.RowsPerUser[table], await Stack.Postgres.ScalarAsync($"SELECT count(*) FROM {table} WHERE {bob.OwnRows(table)}"));
        }

        Assert.Equal(1, await Stack.Postgres.ScalarAsync($"SELECT count(*) FROM jobs WHERE id = '{bob.JobId}' AND status = 'queued'"));
        Assert.Equal(1, await Stack.Postgres.ScalarAsync($"SELECT count(*) FROM documents WHERE id = '{bob.DocumentId}' AND name = 'a.txt'"));
    }

    [Fact]
    public async Task The_system_scope_sees_every_user()
    {
        await RowLevelSecuritySeed.WriteAsync(Stack, "alice");
        await RowLevelSecuritySeed.WriteAsync(Stack, "bob");
        await using var app = await OpenAppAsync();
        await using var transaction = await app.BeginTransactionAsync();
        await SetLocalAsync(app, RowSecuritySettings.ScopeSetting, RowSecuritySettings.SystemScope);

        foreach (var table in UserOwnedTables)
        {
            Assert.Equal(2 * RowLevelSecuritySeed.RowsPerUser[table], await ScalarAsync<long>(app, $"SELECT count(*) FROM {table}"));
        }
    }

    [Fact]
    public async Task A_pooled_connection_comes_back_without_the_previous_user()
    {
        await RowLevelSecuritySeed.WriteAsync(Stack, "alice");

        // One physical connection, reused: the session user set by the first lease must not
        // survive its return to the pool (Npgsql's reset, DISCARD ALL).
        var pooled = new NpgsqlConnectionStringBuilder(TestEnvironment.AppConnectionString)
        {
            MaxPoolSize = 1,
            ApplicationName = "rls-pool-reset",
        }.ConnectionString;
        int firstBackend;
        await using (var first = await OpenAppAsync(pooled))
        {
            await ScalarAsync<string>(first, $"SELECT set_config('{RowSecuritySettings.UserSetting}', 'alice', false)");
            Assert.Equal(2, await ScalarAsync<long>(first, "SELECT count(*) FROM jobs"));
            firstBackend = await ScalarAsync<int>(first, "SELECT pg_backend_pid()");
        }

        await using var second = await OpenAppAsync(pooled);
        Assert.Equal(firstBackend, await ScalarAsync<int>(second, "SELECT pg_backend_pid()"));
        Assert.Equal(0, await ScalarAsync<long>(second, "SELECT count(*) FROM jobs"));
        Assert.True(string.IsNullOrEmpty(await ScalarAsync<string?>(second, $"SELECT current_setting('{RowSecuritySettings.UserSetting}', true)")));
    }

    [Fact]
    public async Task A_pooled_connection_that_kept_its_prepared_statements_comes_back_without_the_previous_user()
    {
        await RowLevelSecuritySeed.WriteAsync(Stack, "alice");
        await RowLevelSecuritySeed.WriteAsync(Stack, "bob");

        // An operator who turns the reset back on (No Reset On Close=false) with prepared
        // statements on the connection gets Npgsql's RESET ALL and friends, not DISCARD ALL (that
        // would drop them): it must still clear the session's user, the system scope (which sees
        // every user's rows) and lock_timeout, all set at session level.
        var pooled = new NpgsqlConnectionStringBuilder(IntakeConnectionString.WithDefaults(TestEnvironment.AppConnectionString + ";No Reset On Close=false"))
        {
            MaxPoolSize = 1,
            ApplicationName = "rls-prepared-reset",
        }.ConnectionString;
        int firstBackend;
        await using (var first = await OpenAppAsync(pooled))
        {
            await ScalarAsync<string>(first, $"SELECT set_config('{RowSecuritySettings.UserSetting}', 'alice', false)");
            await ScalarAsync<string>(first, $"SELECT set_config('{RowSecuritySettings.ScopeSetting}', '{RowSecuritySettings.SystemScope}', false)");
            await ScalarAsync<string>(first, "SELECT set_config('lock_timeout', '1234ms', false)");
            for (var i = 0; i < IntakeConnectionString.AutoPrepareMinUsages + 1; i++)
            {
                Assert.Equal(4, await ScalarAsync<long>(first, "SELECT count(*) FROM jobs"));
            }

            Assert.True(await ScalarAsync<long>(first, "SELECT count(*) FROM pg_prepared_statements") > 0);
            firstBackend = await ScalarAsync<int>(first, "SELECT pg_backend_pid()");
        }

        await using var second = await OpenAppAsync(pooled);
        Assert.Equal(firstBackend, await ScalarAsync<int>(second, "SELECT pg_backend_pid()"));
        Assert.True(await ScalarAsync<long>(second, "SELECT count(*) FROM pg_prepared_statements") > 0, "the statements should have survived the reset");
        Assert.Equal(0, await ScalarAsync<long>(second, "SELECT count(*) FROM jobs"));
        Assert.True(string.IsNullOrEmpty(await ScalarAsync<string?>(second, $"SELECT current_setting('{RowSecuritySettings.UserSetting}', true)")));
        Assert.True(string.IsNullOrEmpty(await ScalarAsync<string?>(second, $"SELECT current_setting('{RowSecuritySettings.ScopeSetting}', true)")));
        Assert.Equal("0", await ScalarAsync<string>(second, "SELECT current_setting('lock_timeout')"));
    }

    [Fact]
    public async Task The_application_DbContext_prepares_its_repeated_statements()
    {
        await using var scope = Stack.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var settings = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());

        Assert.Equal(IntakeConnectionString.MaxAutoPrepare, settings.MaxAutoPrepare);
        using (RowSecurity.ForUser("alice"))
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                for (var i = 0; i < IntakeConnectionString.AutoPrepareMinUsages + 1; i++)
                {
                    await db.Jobs.CountAsync();
                }

                Assert.True(await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM pg_prepared_statements").SingleAsync() > 0);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    [Fact]
    public async Task The_application_DbContext_runs_as_the_flow_identity_and_as_nobody_without_one()
    {
        await RowLevelSecuritySeed.WriteAsync(Stack, "alice");
        await RowLevelSecuritySeed.WriteAsync(Stack, "bob");

        Assert.Equal(0, await CountJobsThroughTheApiDbContextAsync());
        using (RowSecurity.ForUser("alice"))
        {
            Assert.Equal(2, await CountJobsThroughTheApiDbContextAsync());
            await using var scope = Stack.Api.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            Assert.Equal(new[] { "alice" }, await db.Jobs.Select(j => j.UserId).Distinct().ToListAsync());
        }

        using (RowSecurity.ForSystem())
        {
            Assert.Equal(4, await CountJobsThroughTheApiDbContextAsync());
        }

        Assert.Equal(0, await CountJobsThroughTheApiDbContextAsync());
    }

    [Fact]
    public async Task Without_the_pools_reset_every_lease_clears_the_previous_user_scope_and_lock_timeout()
    {
        await RowLevelSecuritySeed.WriteAsync(Stack, "alice");
        await RowLevelSecuritySeed.WriteAsync(Stack, "bob");

        // The service's defaults keep session state across the return to the pool, so every lease
        // must overwrite what the last one left: here a system-scoped lease that also set the
        // session's lock_timeout, as a submission does.
        var keepsState = PooledOnOneBackend("rls-no-reset");
        Assert.True(new NpgsqlConnectionStringBuilder(keepsState).NoResetOnClose);
        var options = ContextOptions(keepsState);

        int firstBackend;
        using (RowSecurity.ForSystem())
        {
            await using var db = new IntakeDbContext(options);
            await db.Database.OpenConnectionAsync();
            Assert.Equal(4, await db.Jobs.CountAsync());
            await db.Database.ExecuteSqlRawAsync("SELECT set_config('lock_timeout', '1234ms', false)");
            firstBackend = await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
        }

        using (RowSecurity.ForUser("bob"))
        {
            await using var db = new IntakeDbContext(options);
            await db.Database.OpenConnectionAsync();
            Assert.Equal(firstBackend, await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync());
            Assert.Equal(new[] { "bob" }, await db.Jobs.Select(j => j.UserId).Distinct().ToListAsync());
            Assert.Equal("0", await db.Database.SqlQueryRaw<string>("SELECT current_setting('lock_timeout') AS \"Value\"").SingleAsync());
        }

        await using (var db = new IntakeDbContext(options))
        {
            Assert.Equal(0, await db.Jobs.CountAsync());
        }
    }

    [Fact]
    public async Task A_lease_whose_start_rides_in_the_callers_batch_still_clears_what_the_last_lease_left()
    {
        // The outbox relay opens its connection without the interceptor's round trip and sends the
        // lease's start in its claim's batch: that start must clear the last lease's state too.
        var keepsState = PooledOnOneBackend("rls-deferred-start");
        var options = ContextOptions(keepsState);
        using (RowSecurity.ForSystem())
        {
            await using var db = new IntakeDbContext(options);
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("SELECT set_config('lock_timeout', '1234ms', false)");
        }

        await using (var db = new IntakeDbContext(options))
        {
            var leaseStart = await RowSecurityInterceptor.OpenDeferringLeaseStartAsync(db, CancellationToken.None);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var batch = new NpgsqlBatch(connection);
            foreach (var command in leaseStart)
            {
                batch.BatchCommands.Add(command);
            }

            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"SELECT current_setting('lock_timeout'), current_setting('{RowSecuritySettings.ScopeSetting}', true)"));
            await using var reader = await batch.ExecuteReaderAsync();
            await reader.NextResultAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("0", reader.GetString(0));
            Assert.Equal(string.Empty, reader.IsDBNull(1) ? string.Empty : reader.GetString(1));
        }
    }

    [Fact]
    public async Task Without_the_pools_reset_a_transaction_left_open_is_still_rolled_back_on_the_return()
    {
        var keepsState = PooledOnOneBackend("rls-no-reset-tx");
        var options = ContextOptions(keepsState);

        using (RowSecurity.ForUser("alice"))
        {
            await using (var db = new IntakeDbContext(options))
            {
                await db.Database.BeginTransactionAsync();
                db.Jobs.Add(new Job
                {
                    Id = Guid.CreateVersion7(), UserId = "alice", Type = JobTypes.ProcessDocument, Request = "{}", CreatedAt = DateTimeOffset.UtcNow,
                });
                await db.SaveChangesAsync();
            }

            await using (var db = new IntakeDbContext(options))
            {
                Assert.Equal(0, await db.Jobs.CountAsync());
                Assert.Equal(0, await db.Database.SqlQueryRaw<long>(
                    "SELECT count(*) AS \"Value\" FROM pg_stat_activity WHERE application_name = 'rls-no-reset-tx' AND state LIKE 'idle in transaction%'").SingleAsync());
            }
        }
    }

    private static string PooledOnOneBackend(string applicationName) =>
        new NpgsqlConnectionStringBuilder(IntakeConnectionString.WithDefaults(TestEnvironment.AppConnectionString))
        {
            MaxPoolSize = 1,
            ApplicationName = applicationName,
        }.ConnectionString;

    private static DbContextOptions<IntakeDbContext> ContextOptions(string connectionString) =>
        new DbContextOptionsBuilder<IntakeDbContext>()
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(RowSecurityInterceptor.For(connectionString))
            .Options;

    [Fact]
    public async Task A_connection_whose_identity_was_cancelled_is_not_left_open_without_it()
    {
        // The SIGTERM hand-back test failed this way: the consume token was cancelled between the
        // open and the identity's command, EF kept the connection open without the identity, and
        // the hand-back that followed (no token) updated no row: the policies hid the job.
        await RowLevelSecuritySeed.WriteAsync(Stack, "alice");
        using var cancellation = new CancellationTokenSource();
        var options = new DbContextOptionsBuilder<IntakeDbContext>()
            .UseNpgsql(TestEnvironment.AppConnectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new CancelAfterOpenInterceptor(cancellation), RowSecurityInterceptor.For(TestEnvironment.AppConnectionString))
            .Options;

        using (RowSecurity.ForUser("alice"))
        {
            await using var db = new IntakeDbContext(options);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.Jobs.CountAsync(cancellation.Token));
            Assert.Equal(2, await db.Jobs.CountAsync(CancellationToken.None));
        }
    }

    private async Task<int> CountJobsThroughTheApiDbContextAsync()
    {
        await using var scope = Stack.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        return await db.Jobs.CountAsync();
    }

    private static async Task<NpgsqlConnection> OpenAppAsync(string? connectionString = null)
    {
        var connection = new NpgsqlConnection(connectionString ?? TestEnvironment.AppConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<string> RowAsJsonAsync(string table, string where)
    {
        await using var owner = new NpgsqlConnection(Stack.Postgres.ConnectionString);
        await owner.OpenAsync();
        return await ScalarAsync<string>(owner, $"SELECT to_jsonb(t)::text FROM {table} t WHERE {where} LIMIT 1");
    }

    private static async Task<int> InsertCopyAsync(NpgsqlConnection connection, string table, string row, string changes)
    {
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {table} SELECT * FROM jsonb_populate_record(NULL::{table}, $1::jsonb || $2::jsonb)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = row });
        command.Parameters.Add(new NpgsqlParameter { Value = changes });
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task SetLocalAsync(NpgsqlConnection connection, string setting, string value)
    {
        await using var command = new NpgsqlCommand("SELECT set_config($1, $2, true)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = setting });
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteScalarAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
