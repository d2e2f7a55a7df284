using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Intake.Api.Idempotency;

/// <summary>
/// Identifies "the same request": SHA-256 over the method, the route and the canonical form of the
/// JSON body (object members sorted by name, insignificant whitespace removed, strings re-escaped
/// uniformly), so that key order and formatting do not make a retry look like a new request.
/// </summary>
public static class RequestFingerprint
{
    public static string Compute(string method, string route, JsonElement body)
    {
        var canonical = Canonicalize(body);
        var prefix = Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()}\n{route}\n");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(prefix);
        hash.AppendData(canonical);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static byte[] Canonicalize(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, element);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Name(JsonProperty property) =>
        TryDecode(() => property.Name, out var name) ? name : RawName(property);

    /// <summary>The property as written in the source, marked so it cannot equal a decoded name.</summary>
    private static string RawName(JsonProperty property) => "\0raw:" + property;

    internal static bool TryDecode(Func<string?> read, out string value)
    {
        try
        {
            value = read() ?? string.Empty;
            return true;
        }
        catch (InvalidOperationException)
        {
            // Lone surrogates cannot be decoded to a .NET string; the caller falls back to the raw text.
            value = string.Empty;
            return false;
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(Name, StringComparer.Ordinal))
                {
                    if (TryDecode(() => property.Name, out var name))
                    {
                        writer.WritePropertyName(name);
                    }
                    else
                    {
                        writer.WritePropertyName(RawName(property));
                    }

                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                if (TryDecode(element.GetString, out var value))
                {
                    writer.WriteStringValue(value);
                }
                else
                {
                    // Not well-formed UTF-16 (a lone surrogate escape): keep its escaped source
                    // text, so different invalid strings still fingerprint differently.
                    writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                }

                break;
            default:
                // Numbers keep their literal text; true, false and null are themselves.
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
        }
    }
}
