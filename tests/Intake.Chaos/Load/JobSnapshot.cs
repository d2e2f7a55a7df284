using System.Text.Json;

namespace Intake.Chaos.Load;

/// <summary>A job as `GET /v1/jobs/…` shows it.</summary>
public sealed record JobSnapshot(Guid JobId, string Status, JsonElement? Result)
{
    public bool IsTerminal => Status is "succeeded" or "failed" or "cancelled";

    public static JobSnapshot? Parse(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            JsonElement? result = root.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.Object ? r.Clone() : null;
            return new JobSnapshot(root.GetProperty("jobId").GetGuid(), root.GetProperty("status").GetString() ?? "?", result);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
