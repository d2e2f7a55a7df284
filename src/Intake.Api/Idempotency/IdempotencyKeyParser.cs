using Microsoft.Extensions.Primitives;

namespace Intake.Api.Idempotency;

/// <summary>
/// Reads the key from `Idempotency-Key` (or the older `X-Idempotency-Key`). A value is a bare token
/// or a quoted structured-field string; once unquoted it must be 3–256 characters of [A-Za-z0-9_-].
/// </summary>
public static class IdempotencyKeyParser
{
    public const string HeaderName = "Idempotency-Key";
    public const string LegacyHeaderName = "X-Idempotency-Key";
    public const int MinLength = 3;
    public const int MaxLength = 256;

    /// <summary>
    /// The longest header value looked at: a key, its quotes and some surrounding whitespace.
    /// Anything longer is refused before it is trimmed, unquoted or scanned.
    /// </summary>
    public const int MaxHeaderLength = 2 * MaxLength;

    public static IdempotencyKeyParseResult Parse(StringValues header, StringValues legacyHeader)
    {
        var primary = ParseHeader(HeaderName, header);
        var legacy = ParseHeader(LegacyHeaderName, legacyHeader);
        if (primary.Error is not null)
        {
            return primary;
        }

        if (legacy.Error is not null)
        {
            return legacy;
        }

        if (primary.Key is not null && legacy.Key is not null && !string.Equals(primary.Key, legacy.Key, StringComparison.Ordinal))
        {
            return IdempotencyKeyParseResult.Invalid(
                $"{HeaderName} and {LegacyHeaderName} carry different keys; send one header.");
        }

        return IdempotencyKeyParseResult.Valid(primary.Key ?? legacy.Key);
    }

    /// <summary>Validates a key given in a URL (status by key): the same rules, without quoting.</summary>
    public static bool IsValidKey(string key) =>
        key.Length is >= MinLength and <= MaxLength && key.All(IsKeyCharacter);

    private static IdempotencyKeyParseResult ParseHeader(string name, StringValues values)
    {
        if (values.Count == 0)
        {
            return IdempotencyKeyParseResult.Valid(null);
        }

        if (values.Count > 1)
        {
            return IdempotencyKeyParseResult.Invalid($"{name} must be sent once.");
        }

        if (values[0]!.Length > MaxHeaderLength)
        {
            return IdempotencyKeyParseResult.Invalid($"{name} is longer than {MaxHeaderLength} characters.");
        }

        var value = values[0]!.Trim(' ', '\t');
        if (value.StartsWith('"'))
        {
            // An sf-string may escape only '"' and '\', and neither is allowed in a key, so a
            // valid quoted key is simply a run of key characters between two quotes.
            if (value.Length < 2 || !value.EndsWith('"'))
            {
                return IdempotencyKeyParseResult.Invalid($"{name} has an unterminated quoted string.");
            }

            value = value[1..^1];
        }

        if (value.Length is < MinLength or > MaxLength)
        {
            return IdempotencyKeyParseResult.Invalid(
                $"{name} must be {MinLength} to {MaxLength} characters long (got {value.Length}).");
        }

        if (!value.All(IsKeyCharacter))
        {
            return IdempotencyKeyParseResult.Invalid($"{name} may contain only letters, digits, '-' and '_'.");
        }

        return IdempotencyKeyParseResult.Valid(value);
    }

    private static bool IsKeyCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
