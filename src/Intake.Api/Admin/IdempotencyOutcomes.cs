namespace Intake.Api.Admin;

/// <summary>The outcomes of a keyed submission that are counted (a first request is a key row already).</summary>
public static class IdempotencyOutcomes
{
    /// <summary>Same key, same request: the stored response was replayed.</summary>
    public const string Replayed = "replayed";

    /// <summary>Same key, another request: 422 idempotency-key-reused.</summary>
    public const string Mismatched = "mismatched";
}
