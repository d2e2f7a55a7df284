namespace Intake.Chaos.Verify;

/// <summary>A row a job made (a training run), by its id and the job's.</summary>
public sealed record EffectRow(Guid Id, Guid JobId);
