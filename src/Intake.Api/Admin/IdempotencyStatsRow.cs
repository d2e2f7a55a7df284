namespace Intake.Api.Admin;

/// <summary>One row of v_idempotency_stats.</summary>
internal sealed record IdempotencyStatsRow(string Metric, string? JobType, string State, long Value, DateTimeOffset? OldestAt, double? AgeSeconds);
