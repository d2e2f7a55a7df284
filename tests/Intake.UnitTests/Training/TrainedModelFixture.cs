using Intake.Training;

namespace Intake.UnitTests.Training;

/// <summary>
/// One three-epoch run on a small generated corpus, shared by the training tests: training once keeps
/// the collection fast, and the tests that need a second run compare against this one.
/// </summary>
public sealed class TrainedModelFixture : IAsyncLifetime
{
    public static readonly TrainerOptions Options = new(Epochs: 3, Seed: 7, MaxStepsPerEpoch: 250);

    private RecordedRun? run;

    public TrainingCorpus Corpus { get; } = new(TrainingTexts.Generate(seed: 1, count: 300), TrainingTexts.Generate(seed: 2, count: 60));

    public RecordedRun Run => run ?? throw new InvalidOperationException("The fixture has not trained yet.");

    public async Task InitializeAsync() =>
        run = await RecordedRun.TrainAsync(new CharMlpTrainer(maxDegreeOfParallelism: 2), Corpus, Options);

    public Task DisposeAsync() => Task.CompletedTask;
}
