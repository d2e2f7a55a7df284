namespace Intake.Chaos.Verify;

/// <summary>One invariant: how many violations, a few examples, and what kind of failure a violation is.</summary>
public sealed record CheckResult(string Name, CheckKind Kind, long Violations, IReadOnlyList<string> Samples, string? Note = null)
{
    public bool Passed => Violations == 0;
}
