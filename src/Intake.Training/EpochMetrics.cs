namespace Intake.Training;

/// <summary>One finished epoch. Losses are mean cross-entropy in nats per character.</summary>
/// <param name="TrainLoss">The mean loss of this epoch's mini-batches, measured as they were trained on.</param>
/// <param name="Seconds">Wall-clock time of the epoch, evaluation included. The only field that is not deterministic.</param>
public sealed record EpochMetrics(
    int Epoch,
    int Steps,
    double TrainLoss,
    double ValidationLoss,
    double ValidationPerplexity,
    double Seconds);
