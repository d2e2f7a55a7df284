using System.Security.Claims;
using System.Text;
using Intake.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Intake.IntegrationTests.Admin;

/// <summary>Tokens with a `role` claim, as scripts/dev-token.sh --admin makes them.</summary>
public static class AdminTokens
{
    public static string For(string userId, string role = "admin") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "intake",
            Audience = "intake-api",
            Subject = new ClaimsIdentity([new Claim("sub", userId), new Claim("role", role)]),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestEnvironment.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
}
