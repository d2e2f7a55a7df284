namespace Intake.Workers.Training;

public sealed record StartTrainingResult(
    Guid TrainingRunId,
    string Status,
    Guid DatasetId,
    string BaseModel,
    int Epochs,
    int TrainExamples,
    int ValidationExamples,
    double UniformPerplexity,
    double FinalValidationPerplexity);
