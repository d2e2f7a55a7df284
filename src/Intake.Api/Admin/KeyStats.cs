namespace Intake.Api.Admin;

/// <summary>Stored keys: live (still answering replays) or expired (free to reuse, awaiting the sweep), per job type.</summary>
public sealed record KeyStats(long Live, long Expired, IReadOnlyDictionary<string, KeyCounts> ByType);
