using System.Text.Json;

namespace Intake.Chaos.Http;

/// <summary>What one request got: a status (0 when the connection failed or timed out) and the body.</summary>
public sealed record HttpAnswer(int Status, bool Replayed, string Body, string? TransportError)
{
    public bool IsTransportError => TransportError is not null;

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>
    /// An answer a client can act on. Connection errors, timeouts, 5xx, 408, 409 (in flight) and
    /// 429 are not: a client with a key sends the same request again.
    /// </summary>
    public bool IsDefinitive => Status is >= 200 and < 500 and not (408 or 409 or 425 or 429);

    public string? Property(string name)
    {
        try
        {
            using var json = JsonDocument.Parse(Body);
            return json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string Describe() => IsTransportError
        ? $"connection error ({TransportError})"
        : $"{Status} {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
}
