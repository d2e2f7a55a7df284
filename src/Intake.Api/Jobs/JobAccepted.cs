namespace Intake.Api.Jobs;

/// <summary>The 202 body of a job submission (stored and replayed as it was first written).</summary>
public sealed record JobAccepted(Guid JobId, string? IdempotencyKey, string Type, string Status, DateTimeOffset CreatedAt);
