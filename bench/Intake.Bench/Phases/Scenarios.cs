namespace Intake.Bench.Phases;

/// <summary>Scenario names as they appear in results and in the report.</summary>
public static class Scenarios
{
    public const string SubmitNew = "submit-new";
    public const string SubmitNoKey = "submit-nokey";
    public const string Replay = "replay";
    public const string Status = "status";
    public const string Duplicates = "in-flight duplicates";
    public const string SubmitOneRoundTrip = "submit (1 round trip)";

    /// <summary>submit-new and submit-nokey alternating on every client of one run (the overhead, measured under the same load).</summary>
    public const string SubmitNewInterleaved = "submit-new, interleaved";

    public const string SubmitNoKeyInterleaved = "submit-nokey, interleaved";

    /// <summary>The interleaved run as a whole (both kinds), e.g. for the relay lag after it.</summary>
    public const string Interleaved = "submit-new + submit-nokey, interleaved";

    /// <summary>
    /// The client count the idempotency overhead is measured and judged at: 8, as the target says,
    /// else the lowest level of the run (0 when there is none). The phase and the report both use it.
    /// </summary>
    public static int OverheadConcurrency(IEnumerable<int> levels)
    {
        var all = levels.ToList();
        return all.Contains(8) ? 8 : all.DefaultIfEmpty().Min();
    }
}
