using System.Collections.Concurrent;

namespace Intake.Api.Admin;

/// <summary>
/// In-memory replay/mismatch counts per (job type, outcome). Counters only ever grow; the flusher
/// writes the part it has not written yet, so an increment racing a flush is written next time
/// instead of being lost.
/// </summary>
public sealed class IdempotencyOutcomeCounter
{
    private readonly ConcurrentDictionary<(string JobType, string Outcome), Tally> _tallies = new();

    public void Record(string jobType, string outcome) =>
        Interlocked.Increment(ref _tallies.GetOrAdd((jobType, outcome), _ => new Tally()).Total);

    /// <summary>The counts not yet written, with the totals they bring the flushed mark up to.</summary>
    internal IReadOnlyList<PendingOutcomeCount> Pending() =>
        _tallies
            .Select(t => (t.Key, Tally: t.Value, Total: Interlocked.Read(ref t.Value.Total)))
            .Where(t => t.Total > t.Tally.Flushed)
            .Select(t => new PendingOutcomeCount(t.Key.JobType, t.Key.Outcome, t.Total - t.Tally.Flushed, t.Total))
            .ToList();

    /// <summary>Called (by the single flusher) once <paramref name="written"/> has committed.</summary>
    internal void MarkFlushed(IEnumerable<PendingOutcomeCount> written)
    {
        foreach (var count in written)
        {
            _tallies[(count.JobType, count.Outcome)].Flushed = count.TotalAfter;
        }
    }

    private sealed class Tally
    {
        public long Total;
        public long Flushed;
    }
}
