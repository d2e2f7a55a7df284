namespace Intake.Api.Idempotency;

/// <summary>The outcome a submission named for itself, read when its response starts.</summary>
internal sealed class SubmissionOutcomeFeature
{
    public string? Name { get; set; }
}
