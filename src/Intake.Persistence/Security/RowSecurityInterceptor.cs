using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Intake.Persistence.Security;

/// <summary>
/// Applies the flow's <see cref="RowSecurity.Current"/> identity to each connection EF Core opens:
/// one <c>SELECT set_config(…, false)</c> right after the open, i.e. one round trip per connection
/// lease (an explicit transaction, or one autocommit statement), never per statement.
///
/// Session-level settings are safe here because a lease is never shared between flows and every
/// lease starts by overwriting what an earlier lease may have left. The service's connections use
/// <c>No Reset On Close=true</c> (<see cref="IntakeConnectionString"/>): Npgsql then skips its
/// reset on the return to the pool (it still rolls back an unfinished transaction), so every lease
/// sets both settings, empty ones included, and resets lock_timeout, the one other setting the
/// service changes at session level (a submission bounds its wait on a concurrent request with
/// it): in one round trip, as before. With an operator's <c>No Reset On Close=false</c> the pool's
/// reset clears them instead, and a lease without an identity sends nothing. Multiplexing shares
/// one session between flows and is refused.
/// </summary>
public sealed class RowSecurityInterceptor : DbConnectionInterceptor
{
    private const string Apply =
        $"SELECT set_config('{RowSecuritySettings.UserSetting}', $1, false), set_config('{RowSecuritySettings.ScopeSetting}', $2, false)";

    /// <summary>Back to the session's configured value (the server's, the role's or the connection string's Options).</summary>
    private const string ResetLockTimeout = "RESET lock_timeout";

    /// <summary>Set while <see cref="OpenDeferringIdentityAsync"/> opens a connection: the caller applies the identity itself.</summary>
    private static readonly AsyncLocal<bool> Deferring = new();

    private readonly bool _sessionStateSurvivesLease;

    private RowSecurityInterceptor(bool sessionStateSurvivesLease) => _sessionStateSurvivesLease = sessionStateSurvivesLease;

    /// <summary>The interceptor for connections made with <paramref name="connectionString"/>.</summary>
    public static RowSecurityInterceptor For(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.Multiplexing)
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Intake must not enable Multiplexing: row-level security sets the user on the session, " +
                "and a multiplexed session is shared by concurrent requests of different users.");
        }

        return new RowSecurityInterceptor(settings.NoResetOnClose);
    }

    /// <summary>
    /// Opens the context's connection (if it is not open yet) without the identity's own round trip,
    /// and returns the command that applies the flow's identity, for the caller to send first in
    /// the batch it sends anyway; null when the connection was already open (its identity is set).
    /// Until that batch has run, the connection has no identity: the policies show it nothing.
    /// Nor is lock_timeout reset: the caller's batch sets its own.
    /// </summary>
    public static async Task<NpgsqlBatchCommand?> OpenDeferringIdentityAsync(DbContext db, CancellationToken cancellationToken) =>
        await OpenDeferringAsync(db, cancellationToken) ? ApplyIdentity(RowSecurity.Current) : null;

    /// <summary>
    /// Like <see cref="OpenDeferringIdentityAsync"/> for a caller that sets no session state of its
    /// own (the outbox relay): returns what the interceptor would have sent on the open, lock_timeout
    /// back to the session's value and then the flow's identity, for the caller to send first in its
    /// own batch; empty when the connection was already open. Only the last command returns a result
    /// set (one row). The relay's lease would otherwise pay a round trip of its own for them.
    /// </summary>
    public static async Task<IReadOnlyList<NpgsqlBatchCommand>> OpenDeferringLeaseStartAsync(DbContext db, CancellationToken cancellationToken) =>
        await OpenDeferringAsync(db, cancellationToken) ? LeaseStart(RowSecurity.Current) : [];

    /// <summary>Opens the context's connection without the interceptor's commands; false when it was already open.</summary>
    private static async Task<bool> OpenDeferringAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.GetDbConnection().State == ConnectionState.Open)
        {
            return false;
        }

        Deferring.Value = true;
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        finally
        {
            Deferring.Value = false;
        }

        return true;
    }

    // When the identity's command fails (a cancelled token, a broken connection), the connection
    // is closed before the exception goes on. EF would otherwise keep it open, and every later
    // command on this context — a lease handed back with no token after a cancellation — would run
    // without the identity: the policies would hide every row and the write would change nothing.
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var batch = CreateBatch(connection);
        if (batch is null)
        {
            return;
        }

        try
        {
            batch.ExecuteNonQuery();
        }
        catch
        {
            connection.Close();
            throw;
        }
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var batch = CreateBatch(connection);
        if (batch is null)
        {
            return;
        }

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await connection.CloseAsync();
            throw;
        }
    }

    private NpgsqlBatch? CreateBatch(DbConnection connection)
    {
        var identity = RowSecurity.Current;
        if (Deferring.Value || (identity is null && !_sessionStateSurvivesLease))
        {
            return null;
        }

        var batch = new NpgsqlBatch((NpgsqlConnection)connection);
        foreach (var command in _sessionStateSurvivesLease ? LeaseStart(identity) : [ApplyIdentity(identity)])
        {
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    /// <summary>What a lease starts with when the session survives the pool: lock_timeout reset, then the identity.</summary>
    private static NpgsqlBatchCommand[] LeaseStart(DatabaseIdentity? identity) =>
        [new NpgsqlBatchCommand(ResetLockTimeout), ApplyIdentity(identity)];

    /// <summary><see cref="Apply"/> for <paramref name="identity"/>: empty values clear a setting.</summary>
    private static NpgsqlBatchCommand ApplyIdentity(DatabaseIdentity? identity) => new(Apply)
    {
        Parameters =
        {
            new NpgsqlParameter<string> { TypedValue = identity?.UserId ?? string.Empty },
            new NpgsqlParameter<string> { TypedValue = identity?.IsSystem == true ? RowSecuritySettings.SystemScope : string.Empty },
        },
    };
}
