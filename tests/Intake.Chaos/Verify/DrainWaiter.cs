using Intake.Chaos.Stack;

namespace Intake.Chaos.Verify;

/// <summary>
/// Waits until no job is queued or running and no outbox row is unsent (the system is quiet). A long
/// run can end with a large backlog (the broker was down for minutes), so the limit is on a lack of
/// progress: the drain fails only when the pending count has not fallen for <c>timeout</c> (or after
/// four times that in all).
/// </summary>
public static class DrainWaiter
{
    private const string PendingSql = """
        SELECT (SELECT count(*) FROM jobs WHERE status IN ('queued', 'running'))
             + (SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL)
        """;

    /// <returns>True once drained; false when it stopped making progress, or at the overall limit.</returns>
    public static async Task<bool> WaitAsync(ChaosDb db, TimeSpan timeout, RunClock clock, CancellationToken cancellationToken)
    {
        var overall = clock.Elapsed + timeout * 4;
        var lastProgress = clock.Elapsed;
        var lowest = long.MaxValue;
        var lastReport = clock.Elapsed;
        while (clock.Elapsed - lastProgress < timeout && clock.Elapsed < overall)
        {
            var pending = await db.TryScalarAsync(PendingSql, cancellationToken);
            if (pending == 0)
            {
                return true;
            }

            if (pending < lowest)
            {
                lowest = pending.Value;
                lastProgress = clock.Elapsed;
            }

            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(10))
            {
                clock.Log($"draining: {pending?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} jobs/outbox rows pending");
                lastReport = clock.Elapsed;
            }

            await Task.Delay(250, cancellationToken);
        }

        return false;
    }
}
