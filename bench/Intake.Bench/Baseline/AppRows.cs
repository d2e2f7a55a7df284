namespace Intake.Bench.Baseline;

/// <summary>A job the app accepted during setup: whose, under which key (if any).</summary>
public sealed record AppRows(string UserId, string? Key, Guid JobId);
