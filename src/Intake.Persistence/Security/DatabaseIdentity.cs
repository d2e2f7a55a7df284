namespace Intake.Persistence.Security;

/// <summary>Whom the database work of the current flow runs for: one user, or the system scope.</summary>
public sealed record DatabaseIdentity
{
    private DatabaseIdentity(string? userId, bool isSystem)
    {
        UserId = userId;
        IsSystem = isSystem;
    }

    public static DatabaseIdentity System { get; } = new(null, true);

    public string? UserId { get; }

    public bool IsSystem { get; }

    public static DatabaseIdentity User(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return new DatabaseIdentity(userId, false);
    }

    public override string ToString() => IsSystem ? "system" : $"user {UserId}";
}
