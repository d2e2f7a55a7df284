namespace Intake.Chaos.Verify;

public sealed record OutboxCount(long Rows, long Sent);
