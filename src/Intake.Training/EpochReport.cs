namespace Intake.Training;

/// <summary>Sent after each epoch: its metrics and the checkpoint to persist before the next one starts.</summary>
/// <param name="UniformPerplexity">The perplexity of a model that knows nothing (the vocabulary size), for scale.</param>
public sealed record EpochReport(
    int Epoch,
    int Epochs,
    double TrainLoss,
    double ValidationLoss,
    double ValidationPerplexity,
    double UniformPerplexity,
    TrainingCheckpoint Checkpoint);
