namespace Intake.Api.TrainingRuns;

public sealed record SampleResponse(Guid TrainingRunId, string Prompt, string Text, int Seed);
