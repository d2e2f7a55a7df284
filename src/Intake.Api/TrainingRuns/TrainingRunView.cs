using System.Text.Json;
using Intake.Persistence.Entities;

namespace Intake.Api.TrainingRuns;

public sealed record TrainingRunView(
    Guid TrainingRunId,
    Guid JobId,
    Guid DatasetId,
    string BaseModel,
    int Epochs,
    string Status,
    JsonElement Plan,
    DateTimeOffset CreatedAt)
{
    public static TrainingRunView From(TrainingRun r) => new(
        r.Id, r.JobId, r.DatasetId, r.BaseModel, r.Epochs, r.Status, JsonDocument.Parse(r.Plan).RootElement.Clone(), r.CreatedAt);
}
