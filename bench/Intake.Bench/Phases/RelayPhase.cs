using System.Diagnostics;
using Intake.Bench.Cpu;
using Intake.Bench.Results;
using Intake.Bench.Ui;

namespace Intake.Bench.Phases;

/// <summary>
/// The outbox relay alone: with no workers and no submissions, the newest N sent outbox rows
/// (real rows the app wrote in the HTTP phase) are marked unsent in one statement, and the
/// API's relay drains them. The rate comes from the rows' own sent_at (one value per batch):
/// (rows after the first batch) / (last sent_at − first sent_at), which leaves out the relay's
/// wake-up delay (nothing in-process signals it: it finds the backlog on its 1 s poll).
/// </summary>
public sealed class RelayPhase(PhaseContext context)
{
    public async Task<int> RunAsync(int backlog, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var timeout = TimeSpan.FromSeconds(context.Settings.Smoke ? 30 : 120);
        if ((await db.WaitForRelayAsync(timeout, cancellationToken)).Drained is false)
        {
            Say.Error("the outbox is not drained before the relay phase");
            return 1;
        }

        await db.SettleAsync(cancellationToken);

        // Warm-up: one small backlog first.
        await db.ResetSentAsync(Math.Min(200, backlog), cancellationToken);
        await db.WaitForRelayAsync(timeout, cancellationToken);

        // The claim's plan with a backlog in place, measured before the relay starts on it.
        // (The relay wakes on its 1 s poll; EXPLAIN ANALYZE locks rows only until its rollback.)
        var probe = await db.ResetSentAsync(backlog, cancellationToken);
        var plans = await db.ExplainClaimAsync(cancellationToken);
        await db.WaitForRelayAsync(timeout, cancellationToken);
        Say.Line($"relay: claim plans measured with a backlog of {probe.Length} rows");

        // Several drains, each from a vacuumed table, and the median reported: one drain lasts
        // ~5 s, short enough for a burst of the other sessions' load (or autovacuum cleaning up
        // the previous drain's 20,000 updated rows) to move it by 20 %.
        var rounds = new List<RelayResult>();
        for (var round = 1; round <= Rounds; round++)
        {
            await db.SettleAsync(cancellationToken);
            var drained = await DrainAsync(backlog, timeout, cancellationToken);
            rounds.Add(drained);
            if (!drained.Drained)
            {
                break;
            }
        }

        // The median of the drains that finished (a drain that did not is reported by Drained).
        var finished = rounds.Where(r => r.Drained).ToList() is { Count: > 0 } done ? done : rounds;
        var median = finished.OrderBy(r => r.MessagesPerSecond).ElementAt(finished.Count / 2);
        var result = median with
        {
            ClaimPlans = plans,
            Drained = rounds.All(r => r.Drained),
            RoundRates = [.. rounds.Select(r => r.MessagesPerSecond)],
        };
        await ResultFiles.WriteAsync(context.Settings.ResultsDirectory, ResultFiles.Relay, result);
        if (rounds.Count > 1)
        {
            Say.Line($"relay: median of {rounds.Count} drains = {result.MessagesPerSecond:F0} msg/s " +
                     $"({string.Join(", ", rounds.Select(r => r.MessagesPerSecond.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))})");
        }

        return result.Drained ? 0 : 1;
    }

    private int Rounds => context.Settings.Smoke ? 1 : 3;

    /// <summary>Marks the newest <paramref name="backlog"/> sent rows unsent and times the relay draining them.</summary>
    private async Task<RelayResult> DrainAsync(int backlog, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var before = context.Cpu?.Capture();
        var ids = await db.ResetSentAsync(backlog, cancellationToken);
        Say.Line($"relay: {ids.Length} rows marked unsent; waiting for the relay to send them");
        var clock = Stopwatch.StartNew();
        var remaining = new List<TimelinePoint> { new(0, ids.Length) };
        double? firstProgress = null;
        long unsent = ids.Length;
        while (unsent > 0 && clock.Elapsed < timeout)
        {
            await Task.Delay(50, cancellationToken);
            unsent = await db.UnsentAsync(cancellationToken);
            remaining.Add(new TimelinePoint(clock.Elapsed.TotalSeconds, unsent));
            if (unsent < ids.Length && firstProgress is null)
            {
                firstProgress = clock.Elapsed.TotalSeconds;
            }
        }

        var pollSeconds = clock.Elapsed.TotalSeconds - (firstProgress ?? 0);
        var cpu = before is null ? null : CpuMeter.Diff(before, context.Cpu!.Capture());
        var batches = await db.RelayBatchesAsync(ids, cancellationToken);
        var sentAtSeconds = batches is { FirstSentAt: { } first, LastSentAt: { } last } ? (last - first).TotalSeconds : 0;
        var rate = sentAtSeconds > 0 ? (batches.Rows - batches.Unsent - batches.FirstBatchRows) / sentAtSeconds : 0;
        var result = new RelayResult(
            ids.Length,
            sentAtSeconds,
            rate,
            pollSeconds,
            pollSeconds > 0 ? ids.Length / pollSeconds : 0,
            batches.Batches,
            batches.Batches > 0 ? (batches.Rows - batches.Unsent) / (double)batches.Batches : 0,
            unsent == 0,
            remaining,
            cpu,
            []);
        Say.Line($"relay: {ids.Length} rows in {sentAtSeconds:F2} s by sent_at = {rate:F0} msg/s " +
                 $"({batches.Batches} batches, mean {result.MeanBatchSize:F0}); by polling {result.MessagesPerSecondByPolling:F0} msg/s");
        if (unsent > 0)
        {
            Say.Error($"relay: {unsent} rows still unsent after {timeout.TotalSeconds:F0} s");
        }

        return result;
    }
}
