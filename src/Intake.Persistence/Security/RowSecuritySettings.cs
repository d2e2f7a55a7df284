namespace Intake.Persistence.Security;

/// <summary>Names shared by the policies (migration <c>RowLevelSecurity</c>) and the code that sets them.</summary>
public static class RowSecuritySettings
{
    /// <summary>The login role the API and workers use: not the table owner, so the policies bind it.</summary>
    public const string AppRole = "intake_app";

    /// <summary>The session's user: rows whose <c>user_id</c> equals it are visible and writable.</summary>
    public const string UserSetting = "intake.user_id";

    /// <summary>Set to <see cref="SystemScope"/> for cross-user sweeps only.</summary>
    public const string ScopeSetting = "intake.scope";

    public const string SystemScope = "system";
}
