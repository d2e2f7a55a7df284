namespace Intake.Api.Admin;

/// <summary>Counts of one (job type, outcome) not yet in the database.</summary>
internal sealed record PendingOutcomeCount(string JobType, string Outcome, long Count, long TotalAfter);
