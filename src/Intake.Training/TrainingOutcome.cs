namespace Intake.Training;

/// <summary>A finished run: per-epoch metrics and the trained model (<see cref="CharMlpModel.Serialize"/>).</summary>
public sealed record TrainingOutcome(
    IReadOnlyList<EpochMetrics> Epochs,
    double UniformPerplexity,
    double FinalValidationPerplexity,
    byte[] Model);
