namespace Intake.Api.Admin;

public sealed record KeyCounts(long Live, long Expired, DateTimeOffset? OldestCreatedAt);
