using System.Text.Json;

namespace Intake.Bench.Api;

/// <summary>The fields of GET /v1/jobs/… that the benchmark reads.</summary>
public sealed record JobSnapshot(
    string JobId,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt)
{
    public static JobSnapshot Parse(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        return new JobSnapshot(
            root.GetProperty("jobId").GetString()!,
            root.GetProperty("status").GetString()!,
            root.TryGetProperty("attempts", out var attempts) ? attempts.GetInt32() : 0,
            root.GetProperty("createdAt").GetDateTimeOffset(),
            Optional(root, "startedAt"),
            Optional(root, "completedAt"));
    }

    private static DateTimeOffset? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetDateTimeOffset() : null;
}
