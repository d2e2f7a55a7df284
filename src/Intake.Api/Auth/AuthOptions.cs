namespace Intake.Api.Auth;

public sealed class AuthOptions
{
    public const int MinimumSigningKeyLength = 32;

    public string Issuer { get; set; } = "intake";

    public string Audience { get; set; } = "intake-api";

    /// <summary>HS256 key: the UTF-8 bytes of this string. Env: Auth__SigningKey.</summary>
    public string? SigningKey { get; set; }
}
