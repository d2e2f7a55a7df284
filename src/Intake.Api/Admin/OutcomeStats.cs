namespace Intake.Api.Admin;

/// <summary>Replays and 422 mismatches since the table was created (flushed every few seconds), per job type.</summary>
public sealed record OutcomeStats(long Replayed, long Mismatched, IReadOnlyDictionary<string, OutcomeCounts> ByType);
