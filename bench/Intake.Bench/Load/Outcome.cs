namespace Intake.Bench.Load;

/// <summary>What one operation of a scenario came to: success, or an error kind to tally.</summary>
public readonly record struct Outcome(string? Error)
{
    public static Outcome Ok { get; } = new((string?)null);

    public bool IsOk => Error is null;

    public static Outcome Fail(string error) => new(error);
}
