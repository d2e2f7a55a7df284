namespace Intake.Persistence;

public static class ClockExtensions
{
    /// <summary>
    /// Now, truncated to PostgreSQL's microsecond precision, so that a timestamp written in a
    /// response body and the same timestamp read back from the database are equal.
    /// </summary>
    public static DateTimeOffset GetUtcNowForDatabase(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
    }
}
