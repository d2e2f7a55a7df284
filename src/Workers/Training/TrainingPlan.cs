namespace Intake.Workers.Training;

/// <summary>What a training run will do. The trainer that executes it is not built yet.</summary>
public sealed record TrainingPlan(
    int TrainExamples,
    int ValidationExamples,
    int Epochs,
    int BatchSize,
    int StepsPerEpoch,
    int TotalSteps,
    double LearningRate);
