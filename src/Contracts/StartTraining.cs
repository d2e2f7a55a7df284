namespace Intake.Contracts;

/// <summary>Register a training run over a dataset.</summary>
public sealed record StartTraining(
    Guid JobId,
    string UserId,
    Guid DatasetId,
    string? BaseModel,
    int Epochs) : IJobCommand;
