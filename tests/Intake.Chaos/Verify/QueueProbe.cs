using Intake.Chaos.Stack;

namespace Intake.Chaos.Verify;

/// <summary>
/// After the drain, waits until the broker's job queues hold nothing (ready or unacknowledged), so
/// that a late redelivery cannot change the database after it was read. Error queues are reported,
/// not waited for.
/// </summary>
public static class QueueProbe
{
    public static async Task<string> WaitEmptyAsync(ServicesControl services, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var description = "?";
        while (watch.Elapsed < timeout)
        {
            var listing = await services.RabbitListQueuesAsync(cancellationToken);
            if (listing.Succeeded)
            {
                var queues = listing.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(line => line.Split('\t', ' '))
                    .Where(f => f.Length >= 3)
                    .Select(f => (Name: f[0], Ready: long.Parse(f[^2], System.Globalization.CultureInfo.InvariantCulture), Unacked: long.Parse(f[^1], System.Globalization.CultureInfo.InvariantCulture)))
                    .ToList();
                var busy = queues.Where(q => !q.Name.EndsWith("_error", StringComparison.Ordinal) && !q.Name.EndsWith("_skipped", StringComparison.Ordinal) && q.Ready + q.Unacked > 0).ToList();
                var parked = queues.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal) || q.Name.EndsWith("_skipped", StringComparison.Ordinal)).ToList();
                description = $"{queues.Count} queues, {busy.Sum(q => q.Ready + q.Unacked)} messages pending, " +
                    $"error/skipped queues: {(parked.Count == 0 ? "none" : string.Join(", ", parked.Select(q => $"{q.Name} {q.Ready}")))}";
                if (busy.Count == 0)
                {
                    return description;
                }
            }

            // rabbitmqctl is expensive to start: do not poll it hard.
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        }

        return $"not empty after {timeout.TotalSeconds:0} s: {description}";
    }
}
