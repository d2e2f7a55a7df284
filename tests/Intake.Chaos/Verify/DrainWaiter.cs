using Intake.Chaos.Stack;

namespace Intake.Chaos.Verify;

/// <summary>Waits until no job is queued or running and no outbox row is unsent (the system is quiet).</summary>
public static class DrainWaiter
{
    private const string PendingSql = """
        SELECT (SELECT count(*) FROM jobs WHERE status IN ('queued', 'running'))
             + (SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL)
        """;

    /// <returns>True once drained; false at the timeout.</returns>
    public static async Task<bool> WaitAsync(ChaosDb db, TimeSpan timeout, RunClock clock, CancellationToken cancellationToken)
    {
        var deadline = clock.Elapsed + timeout;
        var lastReport = clock.Elapsed;
        while (clock.Elapsed < deadline)
        {
            var pending = await db.TryScalarAsync(PendingSql, cancellationToken);
            if (pending == 0)
            {
                return true;
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
