using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Intake.IntegrationTests.Infrastructure;

public static class TestTokens
{
    public static string For(
        string userId,
        string issuer = "intake",
        string audience = "intake-api",
        string signingKey = TestEnvironment.SigningKey,
        DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        var exp = expires ?? now.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", userId)]),
            IssuedAt = exp < now ? exp.AddMinutes(-10) : now,
            NotBefore = exp < now ? exp.AddMinutes(-10) : now,
            Expires = exp,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
