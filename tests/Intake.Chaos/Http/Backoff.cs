namespace Intake.Chaos.Http;

/// <summary>Exponential backoff with full jitter: 100 ms doubling up to 2 s, like a careful client.</summary>
public static class Backoff
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(2);

    public static TimeSpan Delay(int attempt)
    {
        var ceiling = Math.Min(Cap.TotalMilliseconds, First.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 10)));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}
