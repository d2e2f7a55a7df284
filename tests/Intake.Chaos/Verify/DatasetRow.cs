namespace Intake.Chaos.Verify;

public sealed record DatasetRow(Guid Id, Guid JobId, int ExampleCount, long Examples);
