using System.Text.Json;
using Intake.Persistence.Entities;

namespace Intake.Api.TrainingRuns;

/// <summary>A training run with its loss curve (train and validation loss and perplexity per epoch).</summary>
public sealed record TrainingRunView(
    Guid TrainingRunId,
    Guid JobId,
    Guid DatasetId,
    string BaseModel,
    int Epochs,
    string Status,
    JsonElement Plan,
    JsonElement? Metrics,
    double? UniformPerplexity,
    double? FinalValidationPerplexity,
    long? ModelSizeBytes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    public static TrainingRunView From(TrainingRun r, long? modelSize) => new(
        r.Id, r.JobId, r.DatasetId, r.BaseModel, r.Epochs, r.Status,
        JsonDocument.Parse(r.Plan).RootElement.Clone(),
        r.Metrics is null ? null : JsonDocument.Parse(r.Metrics).RootElement.Clone(),
        r.UniformPerplexity, r.FinalValidationPerplexity, modelSize, r.CreatedAt, r.CompletedAt);
}
