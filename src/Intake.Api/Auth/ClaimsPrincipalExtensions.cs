using System.Security.Claims;

namespace Intake.Api.Auth;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The caller: the token's `sub` claim. Every read and replay is scoped to it.</summary>
    public static string GetUserId(this ClaimsPrincipal principal) =>
        principal.FindFirstValue("sub")
        ?? throw new InvalidOperationException("An authenticated principal without a sub claim reached an endpoint.");
}
