using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Intake.Chaos.Http;

/// <summary>Bearer tokens the API accepts in Development: HS256, iss intake, aud intake-api, user = sub.</summary>
public sealed class TokenFactory(string signingKey)
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials = new(
        new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256);

    public string Mint(string subject)
    {
        var now = DateTime.UtcNow;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "intake",
            Audience = "intake-api",
            Claims = new Dictionary<string, object> { ["sub"] = subject },
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(12),
            SigningCredentials = _credentials,
        });
    }
}
