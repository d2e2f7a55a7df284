namespace Intake.Training;

/// <summary>
/// The state of one run in memory: model, optimizer, encoded corpus and the metrics so far. Started
/// afresh or restored from a checkpoint; <see cref="CharMlpTrainer"/> drives it epoch by epoch. Not
/// thread-safe: one caller at a time.
/// </summary>
internal sealed class TrainingSession
{
    private readonly byte[] optionsFingerprint;
    private readonly byte[] corpusFingerprint;
    private readonly AdamOptimizer optimizer;
    private readonly List<EpochMetrics> metrics;
    private readonly TokenStream trainStream;
    private readonly TokenStream evaluationStream;
    private readonly BatchGradient batchGradient;
    private readonly int[] batchPositions;
    private readonly int maxDegreeOfParallelism;

    private TrainingSession(
        TrainingCorpus corpus, TrainerOptions options, CharMlpModel model, AdamOptimizer optimizer,
        IEnumerable<EpochMetrics> metrics, int maxDegreeOfParallelism)
    {
        Options = options;
        Model = model;
        this.optimizer = optimizer;
        this.metrics = [.. metrics];
        this.maxDegreeOfParallelism = maxDegreeOfParallelism;
        optionsFingerprint = options.Fingerprint();
        corpusFingerprint = CorpusFingerprint.Compute(corpus);
        trainStream = TokenStream.Build(model.Vocabulary, corpus.Train, model.ContextLength);
        evaluationStream = TokenStream.Build(model.Vocabulary, corpus.EvaluationTexts, model.ContextLength, options.MaxValidationCharacters);
        batchGradient = new BatchGradient(model.Shape, maxDegreeOfParallelism);
        batchPositions = new int[options.BatchSize];

        // An epoch is one pass over the training characters, but never more than MaxStepsPerEpoch batches.
        StepsPerEpoch = (int)Math.Min(options.MaxStepsPerEpoch, ((long)trainStream.TargetCount + options.BatchSize - 1) / options.BatchSize);
    }

    public TrainerOptions Options { get; }

    public CharMlpModel Model { get; }

    public int StepsPerEpoch { get; }

    public long TotalSteps => (long)StepsPerEpoch * Options.Epochs;

    public long CompletedSteps => optimizer.Step;

    public int CompletedEpochs => metrics.Count;

    public static TrainingSession Start(TrainingCorpus corpus, TrainerOptions options, int maxDegreeOfParallelism)
    {
        var vocabulary = CharVocabulary.Build(corpus.Train, options.MaxVocabularySize);
        var shape = new MlpShape(options.ContextLength, options.EmbeddingSize, options.HiddenSize, vocabulary.Size);
        var parameters = MlpInitializer.Create(shape, new Random(SeedSequence.Derive(options.Seed, SeedSequence.Initialisation)));
        return new TrainingSession(corpus, options, new CharMlpModel(vocabulary, shape, parameters),
            new AdamOptimizer(shape.ParameterCount), [], maxDegreeOfParallelism);
    }

    /// <exception cref="InvalidDataException">The checkpoint is corrupt or inconsistent.</exception>
    /// <exception cref="ArgumentException">The checkpoint belongs to another corpus or other options.</exception>
    public static TrainingSession Resume(TrainingCorpus corpus, TrainerOptions options, TrainingCheckpoint checkpoint, int maxDegreeOfParallelism)
    {
        var state = CheckpointState.Deserialize(checkpoint.State);
        if (state.CompletedEpochs != checkpoint.CompletedEpochs)
        {
            throw new InvalidDataException(
                $"The checkpoint says {checkpoint.CompletedEpochs} completed epochs but its state holds {state.CompletedEpochs}.");
        }

        if (!state.OptionsFingerprint.AsSpan().SequenceEqual(options.Fingerprint()))
        {
            throw new ArgumentException("The checkpoint was made with different trainer options; resume with the options of the run that made it.", nameof(checkpoint));
        }

        if (!state.CorpusFingerprint.AsSpan().SequenceEqual(CorpusFingerprint.Compute(corpus)))
        {
            throw new ArgumentException("The checkpoint was made on a different corpus.", nameof(checkpoint));
        }

        var model = CharMlpModel.Deserialize(state.Model);
        if (state.FirstMoment.Length != model.ParameterCount || state.CompletedEpochs > options.Epochs)
        {
            throw new InvalidDataException("The checkpoint is inconsistent: its optimizer state or epoch count does not fit its model and options.");
        }

        var session = new TrainingSession(corpus, options, model,
            new AdamOptimizer(state.FirstMoment, state.SecondMoment, state.OptimizerStep), state.Metrics, maxDegreeOfParallelism);
        if (session.CompletedSteps != (long)session.StepsPerEpoch * session.CompletedEpochs)
        {
            throw new InvalidDataException($"The checkpoint is inconsistent: {session.CompletedSteps} steps for {session.CompletedEpochs} epochs.");
        }

        return session;
    }

    /// <summary>Starts the next epoch, with a generator for its mini-batches that does not depend on whatever ran before it.</summary>
    public EpochProgress BeginEpoch()
    {
        var epoch = CompletedEpochs + 1;
        return new EpochProgress(epoch, new Random(SeedSequence.Derive(Options.Seed, epoch)));
    }

    /// <summary>
    /// Trains the epoch's remaining mini-batches, returning early once <paramref name="shouldPause"/> says so
    /// (checked after each step) so that the caller can report progress.
    /// </summary>
    public void TrainSteps(EpochProgress progress, Func<bool> shouldPause, CancellationToken cancellationToken)
    {
        while (progress.Steps < StepsPerEpoch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < batchPositions.Length; i++)
            {
                batchPositions[i] = trainStream.TargetPosition(progress.Random.Next(trainStream.TargetCount));
            }

            var loss = batchGradient.Compute(Model.Parameters, trainStream, batchPositions);
            optimizer.Update(Model.Parameters, batchGradient.Gradient, LearningRateSchedule.At(Options.LearningRate, optimizer.Step, TotalSteps));
            progress.Record(loss);
            if (shouldPause())
            {
                return;
            }
        }
    }

    /// <returns>Mean loss on the evaluation texts, nats per character.</returns>
    public double EvaluationLoss(CancellationToken cancellationToken) =>
        MlpEvaluator.MeanLoss(Model.Shape, Model.Parameters, evaluationStream, maxDegreeOfParallelism, cancellationToken);

    public TrainingCheckpoint CompleteEpoch(EpochMetrics epoch)
    {
        metrics.Add(epoch);
        var state = new CheckpointState(optionsFingerprint, corpusFingerprint, CompletedEpochs, optimizer.Step, metrics,
            Model.Serialize(), optimizer.FirstMoment, optimizer.SecondMoment);
        return new TrainingCheckpoint(CompletedEpochs, state.Serialize());
    }

    public TrainingOutcome Outcome() =>
        new([.. metrics], Model.UniformPerplexity, metrics[^1].ValidationPerplexity, Model.Serialize());
}
