namespace Intake.Training;

/// <summary>
/// Everything needed to continue a run after <paramref name="CompletedEpochs"/> epochs: an opaque,
/// versioned and checksummed blob (parameters, optimizer state, the metrics so far, and fingerprints of
/// the corpus and options it belongs to). Store it as it is.
/// </summary>
public sealed record TrainingCheckpoint(int CompletedEpochs, byte[] State);
