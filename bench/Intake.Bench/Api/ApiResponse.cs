using System.Text.Json;

namespace Intake.Bench.Api;

/// <summary>Status, whether the API said it replayed a stored response, and the body bytes.</summary>
public sealed record ApiResponse(int Status, bool Replayed, byte[] Body)
{
    public string? JobId => TryGetString("jobId");

    public string? DocumentId => TryGetString("documentId");

    public string Describe() =>
        $"HTTP {Status}: {System.Text.Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300))}";

    private string? TryGetString(string property)
    {
        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.TryGetProperty(property, out var value) ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
