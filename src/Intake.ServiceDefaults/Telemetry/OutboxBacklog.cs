namespace Intake.ServiceDefaults.Telemetry;

/// <summary>Unsent outbox rows at <paramref name="MeasuredAt"/>, and when the oldest of them was committed.</summary>
public sealed record OutboxBacklog(long Unsent, DateTimeOffset? OldestCreatedAt, DateTimeOffset MeasuredAt)
{
    /// <summary>How old the oldest unsent row is at <paramref name="now"/>; zero when nothing is waiting.</summary>
    public TimeSpan OldestAge(DateTimeOffset now) =>
        OldestCreatedAt is { } oldest && now > oldest ? now - oldest : TimeSpan.Zero;
}
