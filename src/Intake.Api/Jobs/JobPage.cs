namespace Intake.Api.Jobs;

/// <summary>One page of the caller's jobs, newest first; pass <see cref="NextCursor"/> as `after`.</summary>
public sealed record JobPage(IReadOnlyList<JobView> Items, string? NextCursor);
