using System.Diagnostics;
using Intake.Training;

namespace Intake.UnitTests.Training;

[Collection(TrainingCollection.Name)]
public sealed class CharMlpTrainerTests(TrainedModelFixture fixture)
{
    private RecordedRun Run => fixture.Run;

    [Fact]
    public void Training_EndsFarBelowTheUniformBaseline_AndImprovesFromTheFirstEpochToTheLast()
    {
        var epochs = Run.Outcome.Epochs;

        Assert.Equal([1, 2, 3], epochs.Select(e => e.Epoch));
        Assert.True(Run.Outcome.FinalValidationPerplexity < 0.5 * Run.Outcome.UniformPerplexity,
            $"perplexity {Run.Outcome.FinalValidationPerplexity:F2} vs uniform {Run.Outcome.UniformPerplexity}");
        Assert.True(epochs[^1].ValidationPerplexity < epochs[0].ValidationPerplexity,
            $"perplexity by epoch: {string.Join(", ", epochs.Select(e => e.ValidationPerplexity.ToString("F3")))}");
        Assert.True(epochs[^1].TrainLoss < epochs[0].TrainLoss);
        Assert.Equal(epochs[^1].ValidationPerplexity, Run.Outcome.FinalValidationPerplexity);
        Assert.All(epochs, e => Assert.Equal(Math.Exp(e.ValidationLoss), e.ValidationPerplexity, 12));
    }

    [Fact]
    public void UniformPerplexity_IsTheVocabularySize_CharactersSeenPlusBoundaryAndUnknown()
    {
        var distinctCharacters = fixture.Corpus.Train.SelectMany(text => text).Distinct().Count();

        Assert.Equal(distinctCharacters + 2, Run.Model.VocabularySize);
        Assert.Equal(Run.Model.VocabularySize, Run.Outcome.UniformPerplexity);
        Assert.All(Run.Epochs, report => Assert.Equal(Run.Model.VocabularySize, report.UniformPerplexity));
    }

    [Fact]
    public void EpochReports_CarryEachEpochsMetricsAndCheckpoint()
    {
        Assert.Equal([1, 2, 3], Run.Epochs.Select(r => r.Epoch));
        Assert.All(Run.Epochs, report =>
        {
            var metrics = Run.Outcome.Epochs[report.Epoch - 1];
            Assert.Equal(3, report.Epochs);
            Assert.Equal(report.Epoch, report.Checkpoint.CompletedEpochs);
            Assert.Equal(metrics.TrainLoss, report.TrainLoss);
            Assert.Equal(metrics.ValidationPerplexity, report.ValidationPerplexity);
        });
    }

    [Fact]
    public void StepReports_CountUpToTheTotal_AndEndEveryEpoch()
    {
        var steps = Run.Steps;
        var stepsPerEpoch = Run.Outcome.Epochs[0].Steps;

        Assert.NotEmpty(steps);
        Assert.All(steps, s => Assert.Equal(3L * stepsPerEpoch, s.TotalSteps));
        Assert.Equal(steps.Select(s => s.CompletedSteps).Order(), steps.Select(s => s.CompletedSteps));
        foreach (var epoch in Enumerable.Range(1, 3))
        {
            Assert.Contains(steps, s => s.Epoch == epoch && s.Step == stepsPerEpoch);
        }

        Assert.Equal(1.0, steps[^1].Fraction);
    }

    [Fact]
    public async Task TheSameSeed_GivesTheSameModelBytes_OnAnyNumberOfThreads()
    {
        var again = await RecordedRun.TrainAsync(new CharMlpTrainer(maxDegreeOfParallelism: 1), fixture.Corpus, TrainedModelFixture.Options);

        Assert.Equal(Run.Outcome.Model, again.Outcome.Model);
        Assert.Equal(Run.Outcome.Epochs.Select(e => e.ValidationLoss), again.Outcome.Epochs.Select(e => e.ValidationLoss));
    }

    [Fact]
    public async Task ResumingFromAnEpochCheckpoint_FinishesWithTheModelOfAnUninterruptedRun()
    {
        var resumed = await RecordedRun.TrainAsync(new CharMlpTrainer(), fixture.Corpus, TrainedModelFixture.Options, Run.Epochs[0].Checkpoint);

        Assert.Equal(Run.Outcome.Model, resumed.Outcome.Model);
        Assert.Equal([2, 3], resumed.Epochs.Select(r => r.Epoch));
        Assert.Equal(Run.Outcome.Epochs.Select(WithoutTiming), resumed.Outcome.Epochs.Select(WithoutTiming));
        Assert.Equal(Run.Epochs[^1].Checkpoint.State.Length, resumed.Epochs[^1].Checkpoint.State.Length);
        Assert.All(resumed.Steps, s => Assert.True(s.Epoch >= 2));
    }

    [Fact]
    public async Task ResumingFromTheLastCheckpoint_ReturnsTheFinishedModelWithoutTraining()
    {
        var resumed = await RecordedRun.TrainAsync(new CharMlpTrainer(), fixture.Corpus, TrainedModelFixture.Options, Run.Epochs[^1].Checkpoint);

        Assert.Equal(Run.Outcome.Model, resumed.Outcome.Model);
        Assert.Empty(resumed.Epochs);
        Assert.Empty(resumed.Steps);
        Assert.Equal(Run.Outcome.FinalValidationPerplexity, resumed.Outcome.FinalValidationPerplexity);
    }

    [Fact]
    public async Task ACheckpoint_IsRejectedForOtherOptionsOrAnotherCorpus_OrWhenCorrupt()
    {
        var trainer = new CharMlpTrainer();
        var checkpoint = Run.Epochs[0].Checkpoint;
        var otherCorpus = fixture.Corpus with { Validation = fixture.Corpus.Validation.Skip(1).ToArray() };
        var corrupt = checkpoint with { State = Flip(checkpoint.State, checkpoint.State.Length / 2) };

        await Assert.ThrowsAsync<ArgumentException>(() =>
            trainer.TrainAsync(fixture.Corpus, TrainedModelFixture.Options with { Seed = 8 }, checkpoint, Ignore, null, default));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            trainer.TrainAsync(otherCorpus, TrainedModelFixture.Options, checkpoint, Ignore, null, default));
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            trainer.TrainAsync(fixture.Corpus, TrainedModelFixture.Options, corrupt, Ignore, null, default));
        Assert.Contains("checksum", error.Message);
        await Assert.ThrowsAsync<InvalidDataException>(() =>
            trainer.TrainAsync(fixture.Corpus, TrainedModelFixture.Options, checkpoint with { CompletedEpochs = 2 }, Ignore, null, default));
        await Assert.ThrowsAsync<InvalidDataException>(() =>
            trainer.TrainAsync(fixture.Corpus, TrainedModelFixture.Options, new TrainingCheckpoint(1, Run.Outcome.Model), Ignore, null, default));
    }

    [Fact]
    public async Task Cancellation_StopsARunningTrainingPromptly()
    {
        using var cancellation = new CancellationTokenSource();
        var trainer = new CharMlpTrainer(progressInterval: TimeSpan.FromMilliseconds(20));
        var running = new TaskCompletionSource();
        var training = trainer.TrainAsync(fixture.Corpus, new TrainerOptions(Epochs: 1000), null, Ignore,
            (_, _) =>
            {
                running.TrySetResult();
                return Task.CompletedTask;
            },
            cancellation.Token);
        await running.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(100);

        var stopwatch = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => training);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromMilliseconds(500), $"took {stopwatch.Elapsed.TotalMilliseconds:F0} ms to stop");
    }

    [Fact]
    public async Task AnAlreadyCancelledToken_StopsBeforeAnyWork()
    {
        var epochs = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new CharMlpTrainer().TrainAsync(fixture.Corpus, new TrainerOptions(1), null,
            (_, _) =>
            {
                epochs++;
                return Task.CompletedTask;
            },
            null, new CancellationToken(canceled: true)));
        Assert.Equal(0, epochs);
    }

    [Fact]
    public async Task RareCharacters_BeyondTheVocabularyCap_BecomeUnknown()
    {
        var options = new TrainerOptions(Epochs: 1, MaxStepsPerEpoch: 20, MaxVocabularySize: 12);

        var run = await RecordedRun.TrainAsync(new CharMlpTrainer(), fixture.Corpus, options);

        Assert.Equal(12, run.Model.VocabularySize);
        Assert.Equal(12, run.Outcome.UniformPerplexity);
        Assert.True(double.IsFinite(run.Model.Perplexity(["Zebras 🦓 and ünïcödé that it never saw."])));
    }

    [Fact]
    public async Task WithoutValidationTexts_MetricsAreMeasuredOnTheTrainingTexts()
    {
        var corpus = new TrainingCorpus(fixture.Corpus.Train.Take(50).ToArray(), []);

        var run = await RecordedRun.TrainAsync(new CharMlpTrainer(), corpus, new TrainerOptions(Epochs: 1, MaxStepsPerEpoch: 20));

        Assert.Equal(run.Model.Perplexity(corpus.Train), run.Outcome.FinalValidationPerplexity);
    }

    [Fact]
    public async Task InvalidArguments_AreRejectedBeforeTraining()
    {
        var trainer = new CharMlpTrainer();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            trainer.TrainAsync(new TrainingCorpus([], ["x"]), new TrainerOptions(1), null, Ignore, null, default));
        foreach (var options in (TrainerOptions[])[new(0), new(1, ContextLength: 0), new(1, LearningRate: double.NaN), new(1, BatchSize: 0), new(1, MaxVocabularySize: 2)])
        {
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => trainer.TrainAsync(fixture.Corpus, options, null, Ignore, null, default));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new CharMlpTrainer(maxDegreeOfParallelism: 0));
    }

    private static Task Ignore(EpochReport report, CancellationToken cancellationToken) => Task.CompletedTask;

    private static EpochMetrics WithoutTiming(EpochMetrics metrics) => metrics with { Seconds = 0 };

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0x40;
        return copy;
    }
}
