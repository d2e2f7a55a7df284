using Microsoft.AspNetCore.Http.HttpResults;

namespace Intake.Api.Idempotency;

/// <summary>What staging a submission produced: effects to commit, or the problem that stops it.</summary>
public sealed record StageOutcome(StagedSubmission? Staged, ProblemHttpResult? Problem)
{
    public static implicit operator StageOutcome(StagedSubmission staged) => new(staged, null);

    public static implicit operator StageOutcome(ProblemHttpResult problem) => new(null, problem);
}
