using Intake.Training;

namespace Intake.UnitTests.Training;

/// <summary>A finished training run and everything it reported on the way.</summary>
public sealed record RecordedRun(TrainingOutcome Outcome, IReadOnlyList<EpochReport> Epochs, IReadOnlyList<StepReport> Steps)
{
    public CharMlpModel Model { get; } = CharMlpModel.Deserialize(Outcome.Model);

    public static async Task<RecordedRun> TrainAsync(
        CharMlpTrainer trainer, TrainingCorpus corpus, TrainerOptions options, TrainingCheckpoint? resumeFrom = null,
        CancellationToken cancellationToken = default)
    {
        var epochs = new List<EpochReport>();
        var steps = new List<StepReport>();
        var outcome = await trainer.TrainAsync(corpus, options, resumeFrom,
            (report, _) =>
            {
                epochs.Add(report);
                return Task.CompletedTask;
            },
            (report, _) =>
            {
                steps.Add(report);
                return Task.CompletedTask;
            },
            cancellationToken);
        return new RecordedRun(outcome, epochs, steps);
    }
}
