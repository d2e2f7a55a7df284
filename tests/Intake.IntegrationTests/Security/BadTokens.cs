using System.Text;
using System.Text.Json;
using Intake.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace Intake.IntegrationTests.Security;

/// <summary>Every kind of credential the API must refuse; null means no Authorization header at all.</summary>
public static class BadTokens
{
    public static IReadOnlyDictionary<string, string?> All(string userId) => new Dictionary<string, string?>
    {
        ["no token"] = null,
        ["expired"] = TestTokens.For(userId, expires: DateTime.UtcNow.AddHours(-1)),
        ["wrong issuer"] = TestTokens.For(userId, issuer: "someone-else"),
        ["wrong audience"] = TestTokens.For(userId, audience: "another-api"),
        ["bad signature"] = TestTokens.For(userId, signingKey: "not-the-signing-key-but-just-as-long-0123456789"),
        ["alg none"] = Unsigned(userId),
    };

    /// <summary>A well-formed token that claims no signature is needed ("alg": "none").</summary>
    private static string Unsigned(string userId)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = JsonSerializer.Serialize(new { alg = "none", typ = "JWT" });
        var payload = JsonSerializer.Serialize(new { iss = "intake", aud = "intake-api", sub = userId, iat = now, nbf = now, exp = now + 3600 });
        return $"{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header))}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.";
    }
}
