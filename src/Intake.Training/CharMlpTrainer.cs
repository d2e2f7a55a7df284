namespace Intake.Training;

/// <summary>
/// Trains a <see cref="CharMlpModel"/> in-process: mini-batches of characters sampled with a seeded
/// generator, manual backpropagation, Adam. Deterministic: the same corpus, options and seed give the
/// same model bytes on the same platform, however many threads run it and however often it is resumed.
/// </summary>
/// <param name="clock">Times progress reports and epochs.</param>
/// <param name="progressInterval">How often <c>onStep</c> is called; default <see cref="DefaultProgressInterval"/>.</param>
/// <param name="maxDegreeOfParallelism">Threads per mini-batch (useful up to <see cref="ShardRunner.ShardCount"/>); default: all cores. Does not change the result.</param>
public sealed class CharMlpTrainer(TimeProvider? clock = null, TimeSpan? progressInterval = null, int? maxDegreeOfParallelism = null)
    : ILanguageModelTrainer
{
    public static readonly TimeSpan DefaultProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly TimeProvider time = clock ?? TimeProvider.System;
    private readonly TimeSpan interval = progressInterval ?? DefaultProgressInterval;
    private readonly int parallelism = maxDegreeOfParallelism is null or >= 1
        ? maxDegreeOfParallelism ?? Environment.ProcessorCount
        : throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Must be at least 1.");

    public async Task<TrainingOutcome> TrainAsync(
        TrainingCorpus corpus,
        TrainerOptions options,
        TrainingCheckpoint? resumeFrom,
        Func<EpochReport, CancellationToken, Task> onEpoch,
        Func<StepReport, CancellationToken, Task>? onStep,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onEpoch);
        options.Validate();
        if (corpus.Train.Count == 0)
        {
            throw new ArgumentException("The corpus has no training texts.", nameof(corpus));
        }

        // All of the work below is CPU-bound: it runs on the thread pool, in slices between progress
        // reports, so the caller's thread is free and this method returns at once.
        var session = await Task.Run(
            () => resumeFrom is null
                ? TrainingSession.Start(corpus, options, parallelism)
                : TrainingSession.Resume(corpus, options, resumeFrom, parallelism),
            cancellationToken);
        while (session.CompletedEpochs < options.Epochs)
        {
            var report = await RunEpochAsync(session, onStep, cancellationToken);
            await onEpoch(report, cancellationToken);
        }

        return session.Outcome();
    }

    private async Task<EpochReport> RunEpochAsync(
        TrainingSession session, Func<StepReport, CancellationToken, Task>? onStep, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var progress = session.BeginEpoch();
        while (progress.Steps < session.StepsPerEpoch)
        {
            var sliceStarted = time.GetTimestamp();
            await Task.Run(
                () => session.TrainSteps(progress, () => time.GetElapsedTime(sliceStarted) >= interval, cancellationToken),
                cancellationToken);
            if (onStep is not null)
            {
                await onStep(new StepReport(progress.Epoch, session.Options.Epochs, progress.Steps, session.StepsPerEpoch,
                    session.CompletedSteps, session.TotalSteps, progress.MeanLoss), cancellationToken);
            }
        }

        var validationLoss = await Task.Run(() => session.EvaluationLoss(cancellationToken), cancellationToken);
        var metrics = new EpochMetrics(progress.Epoch, progress.Steps, progress.MeanLoss, validationLoss, Math.Exp(validationLoss),
            time.GetElapsedTime(started).TotalSeconds);
        var checkpoint = await Task.Run(() => session.CompleteEpoch(metrics), cancellationToken);
        return new EpochReport(progress.Epoch, session.Options.Epochs, metrics.TrainLoss, metrics.ValidationLoss,
            metrics.ValidationPerplexity, session.Model.UniformPerplexity, checkpoint);
    }
}
