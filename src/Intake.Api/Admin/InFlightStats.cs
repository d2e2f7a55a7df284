namespace Intake.Api.Admin;

/// <summary>Open transactions writing the keys table (submissions not yet committed), and the oldest one.</summary>
public sealed record InFlightStats(long Count, DateTimeOffset? OldestStartedAt, double? OldestAgeSeconds);
