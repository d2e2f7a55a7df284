namespace Intake.Training;

/// <summary>
/// Trains a language model on a corpus, epoch by epoch. The seam between the training job and whatever
/// does the learning: <see cref="CharMlpTrainer"/> learns in-process today, and a hosted fine-tuning
/// provider can implement this later without the job changing.
/// </summary>
public interface ILanguageModelTrainer
{
    /// <param name="corpus">The texts to learn from and to measure on.</param>
    /// <param name="options">Hyper-parameters. A resumed run must use the same ones as the run that made the checkpoint.</param>
    /// <param name="resumeFrom">
    /// The checkpoint of the last completed epoch of an interrupted run on the same corpus and options, or
    /// null to start afresh. Resuming finishes with exactly the model an uninterrupted run would have made.
    /// </param>
    /// <param name="onEpoch">
    /// Awaited after every epoch with its metrics and a checkpoint to persist; the next epoch starts only
    /// after it returns, so a checkpoint that has been stored is never ahead of the one being trained.
    /// </param>
    /// <param name="onStep">Optional progress, awaited about every progress interval and at the end of each epoch.</param>
    /// <param name="cancellationToken">Checked at least once per mini-batch; cancellation throws <see cref="OperationCanceledException"/>.</param>
    Task<TrainingOutcome> TrainAsync(
        TrainingCorpus corpus,
        TrainerOptions options,
        TrainingCheckpoint? resumeFrom,
        Func<EpochReport, CancellationToken, Task> onEpoch,
        Func<StepReport, CancellationToken, Task>? onStep,
        CancellationToken cancellationToken);
}
