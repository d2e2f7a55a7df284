using System.Text.Json;
using Intake.Persistence.Entities;

namespace Intake.Api.Jobs;

public sealed record JobView(
    Guid JobId,
    string? IdempotencyKey,
    string Type,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    JsonElement? Result,
    JobErrorView? Error,
    JsonElement? Progress,
    bool CancelRequested)
{
    public static JobView From(Job job) => new(
        job.Id,
        job.IdempotencyKey,
        job.Type,
        job.Status,
        job.Attempts,
        job.CreatedAt,
        job.StartedAt,
        job.CompletedAt,
        job.Result is null ? null : JsonDocument.Parse(job.Result).RootElement.Clone(),
        job.ErrorCode is null ? null : new JobErrorView(job.ErrorCode, job.ErrorMessage ?? string.Empty),
        job.Progress is null ? null : JsonDocument.Parse(job.Progress).RootElement.Clone(),
        job.CancelRequested);
}
