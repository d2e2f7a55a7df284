using Intake.Chaos.Cli;

namespace Intake.Chaos.Faults;

/// <summary>
/// When each fault happens, on the load's clock: worker kills all along, broker outages, database
/// restarts and API crashes spread over the run without landing on each other, all over by 85 %.
/// </summary>
public sealed record FaultPlan(
    IReadOnlyList<TimeSpan> Kills,
    IReadOnlyList<TimeSpan> RabbitOutages,
    IReadOnlyList<TimeSpan> PgRestarts,
    IReadOnlyList<TimeSpan> ApiCrashes)
{
    public static FaultPlan For(ChaosOptions options)
    {
        var duration = options.LoadDuration;
        var kills = new List<TimeSpan>();
        // From 10 %: by then the relay and the workers are warm and busy, so a kill lands mid-job.
        for (var at = duration * 0.10; at <= duration * 0.85; at += options.KillEvery)
        {
            kills.Add(at);
        }

        return new FaultPlan(
            kills,
            Spread(CountFor(duration, options.RabbitEvery), duration * 0.12, duration * 0.75),
            Spread(CountFor(duration, options.PgEvery), duration * 0.55, duration * 0.80),
            Spread(CountFor(duration, options.ApiCrashEvery), duration * 0.30, duration * 0.70));
    }

    private static int CountFor(TimeSpan duration, TimeSpan every) =>
        every == TimeSpan.MaxValue ? 1 : Math.Max(1, (int)(duration / every));

    private static List<TimeSpan> Spread(int count, TimeSpan first, TimeSpan last) =>
        count == 1
            ? [first]
            : Enumerable.Range(0, count).Select(i => first + (last - first) * i / (count - 1)).ToList();
}
