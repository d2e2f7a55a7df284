namespace Intake.Api.Idempotency;

/// <summary>Either a key (null when none was sent) or the reason the header is unusable.</summary>
public sealed record IdempotencyKeyParseResult(string? Key, string? Error)
{
    public static IdempotencyKeyParseResult Valid(string? key) => new(key, null);

    public static IdempotencyKeyParseResult Invalid(string error) => new(null, error);
}
