namespace Intake.Api.Admin;

public sealed record OutcomeCounts(long Replayed, long Mismatched);
