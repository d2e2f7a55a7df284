namespace Intake.Persistence.Security;

/// <summary>
/// The database identity of the current asynchronous flow (an HTTP request, a job execution, a
/// sweep). <see cref="RowSecurityInterceptor"/> applies it to every connection EF Core opens in
/// that flow. Nothing set: the policies show nothing and refuse every write.
///
/// Set it before the flow's DbContext opens a connection (first thing in a request, a job or a
/// sweep): a connection already open keeps the identity it was opened with.
/// </summary>
public static class RowSecurity
{
    private static readonly AsyncLocal<DatabaseIdentity?> Ambient = new();

    public static DatabaseIdentity? Current => Ambient.Value;

    /// <summary>Runs the rest of the flow (until disposed) as <paramref name="userId"/>.</summary>
    public static RowSecurityScope ForUser(string userId) => Enter(DatabaseIdentity.User(userId));

    /// <summary>
    /// Runs the rest of the flow (until disposed) across all users. Only for system work that is
    /// cross-user by nature: lease recovery, retention sweeps.
    /// </summary>
    public static RowSecurityScope ForSystem() => Enter(DatabaseIdentity.System);

    private static RowSecurityScope Enter(DatabaseIdentity identity)
    {
        var previous = Ambient.Value;
        Ambient.Value = identity;
        return new RowSecurityScope(() => Ambient.Value = previous);
    }
}
