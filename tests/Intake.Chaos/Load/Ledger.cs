using System.Collections.Concurrent;
using Intake.Chaos.Http;

namespace Intake.Chaos.Load;

/// <summary>What the clients saw: every accepted document and job, the ambiguous keyless attempts, and violations visible from outside.</summary>
public sealed class Ledger(Tally tally)
{
    public Tally Tally => tally;

    public ConcurrentBag<AcceptedDocument> Documents { get; } = [];

    public ConcurrentBag<AcceptedJob> Jobs { get; } = [];

    /// <summary>Keyless submissions that failed with a connection error or 5xx: they may or may not have made a job.</summary>
    public ConcurrentDictionary<string, int> AmbiguousKeyless { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Check, string Detail)> Violations { get; } = new();

    /// <summary>(user, key) pairs whose client gave up without a definitive answer (itself a violation).</summary>
    public ConcurrentDictionary<(string UserId, string Key), bool> Unanswered { get; } = new();

    public void Violation(string check, string detail)
    {
        tally.Add($"violation.{check}");
        Violations.Enqueue((check, detail));
    }

    public void Ambiguous(string userId)
    {
        tally.Add("keyless.ambiguous");
        AmbiguousKeyless.AddOrUpdate(userId, 1, (_, n) => n + 1);
    }
}
