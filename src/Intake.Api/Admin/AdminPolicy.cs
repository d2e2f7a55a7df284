namespace Intake.Api.Admin;

/// <summary>The authorization policy of /v1/admin: a token carrying the claim `"role": "admin"`.</summary>
public static class AdminPolicy
{
    public const string Name = "admin";
    public const string RoleClaim = "role";
    public const string AdminRole = "admin";
}
