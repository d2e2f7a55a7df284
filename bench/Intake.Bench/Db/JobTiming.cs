namespace Intake.Bench.Db;

/// <summary>Aggregate timestamps of a set of jobs, as the API and workers wrote them.</summary>
public sealed record JobTiming(long Jobs, long Succeeded, long Failed, long Retried, DateTimeOffset? FirstCreatedAt, DateTimeOffset? LastCompletedAt);
