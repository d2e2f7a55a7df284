namespace Intake.Contracts;

/// <summary>Turn the chunks of processed documents into a train/validation dataset.</summary>
public sealed record GenerateTrainingData(
    Guid JobId,
    string UserId,
    IReadOnlyList<Guid> DocumentIds,
    string Format,
    int? MaxExamples,
    double ValidationFraction) : IJobCommand;
