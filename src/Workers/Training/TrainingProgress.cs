namespace Intake.Workers.Training;

/// <summary>What a running training job shows in its status: `progress` { stage, percent, epoch, metrics }.</summary>
public sealed record TrainingProgress(string Stage, double Percent, int Epoch, int Epochs, object? Metrics);
