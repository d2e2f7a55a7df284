using System.Text.Json;

namespace Intake.Chaos.Verify;

public sealed record JobRow(Guid Id, string UserId, string? Key, string Type, string Status, int Attempts, string? ErrorCode, string? Result)
{
    public bool Succeeded => Status == "succeeded";

    public bool IsTerminal => Status is "succeeded" or "failed" or "cancelled";

    /// <summary>A GUID property of the job's result (documentId, datasetId, trainingRunId).</summary>
    public Guid? ResultId(string property)
    {
        if (Result is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(Result);
        return json.RootElement.TryGetProperty(property, out var value) && value.TryGetGuid(out var id) ? id : null;
    }

    public int? ResultInt(string property)
    {
        if (Result is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(Result);
        return json.RootElement.TryGetProperty(property, out var value) && value.TryGetInt32(out var n) ? n : null;
    }
}
