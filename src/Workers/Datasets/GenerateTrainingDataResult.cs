namespace Intake.Workers.Datasets;

public sealed record GenerateTrainingDataResult(
    Guid DatasetId, int ExampleCount, int TrainCount, int ValidationCount, int DuplicatesRemoved, long TokensTotal);
