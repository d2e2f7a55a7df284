using System.Text.Json;
using Intake.Contracts;
using Intake.Persistence;
using Intake.Persistence.Entities;
using Intake.Persistence.Inbox;
using Intake.Training;
using Microsoft.EntityFrameworkCore;

namespace Intake.Workers.Training;

/// <summary>
/// Trains a model on a dataset's train split. The training runs outside any transaction under
/// the job's lease: progress every second, a checkpoint after every epoch (a redelivery resumes
/// from it). The training run itself is written only in the final inbox transaction, so a job
/// killed at epoch 2 and redelivered still yields exactly one run, from one complete training.
/// </summary>
public sealed class TrainingRunner(IntakeDbContext db, ILanguageModelTrainer trainer, TimeProvider clock)
{
    public const string DefaultBaseModel = "intake-char-mlp";
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    public async Task<Func<CancellationToken, Task<object>>> TrainAsync(
        StartTraining command, LongJobContext job, CancellationToken cancellationToken)
    {
        var dataset = await db.Datasets.AsNoTracking()
            .SingleOrDefaultAsync(d => d.Id == command.DatasetId && d.UserId == command.UserId, cancellationToken)
            ?? throw new PermanentJobFailureException("dataset-not-found", $"Dataset {command.DatasetId} does not exist.");
        if (dataset.TrainCount == 0)
        {
            throw new PermanentJobFailureException("dataset-empty", $"Dataset {dataset.Id} has no training examples.");
        }

        var examples = await db.DatasetExamples.AsNoTracking()
            .Where(e => e.DatasetId == dataset.Id)
            .OrderBy(e => e.Ordinal)
            .Select(e => new { e.Split, e.Content })
            .ToListAsync(cancellationToken);
        var corpus = new TrainingCorpus(
            examples.Where(e => e.Split == "train").Select(e => ExampleText.FromJsonLine(e.Content)).ToList(),
            examples.Where(e => e.Split == "validation").Select(e => ExampleText.FromJsonLine(e.Content)).ToList());
        var options = new TrainerOptions(Epochs: command.Epochs);

        var resumedFromEpoch = job.ResumeFrom?.Step ?? 0;
        await job.ReportProgressAsync(
            new TrainingProgress(resumedFromEpoch > 0 ? "resuming" : "starting", 100.0 * resumedFromEpoch / command.Epochs, resumedFromEpoch, command.Epochs, null),
            cancellationToken);
        var lastReport = clock.GetTimestamp();
        var outcome = await trainer.TrainAsync(
            corpus,
            options,
            Resumable(job.ResumeFrom),
            async (epoch, ct) =>
            {
                var metrics = new { epoch.TrainLoss, epoch.ValidationLoss, epoch.ValidationPerplexity, epoch.UniformPerplexity };
                await job.SaveCheckpointAsync(epoch.Checkpoint.CompletedEpochs, epoch.Checkpoint.State, metrics, ct);
                await job.ReportProgressAsync(
                    new TrainingProgress("training", 100.0 * epoch.Epoch / epoch.Epochs, epoch.Epoch, epoch.Epochs, metrics), ct);
                lastReport = clock.GetTimestamp();
            },
            async (step, ct) =>
            {
                if (clock.GetElapsedTime(lastReport) < ProgressInterval)
                {
                    return;
                }

                await job.ReportProgressAsync(
                    new TrainingProgress("training", Math.Round(100 * step.Fraction, 1), step.Epoch, step.Epochs, new { step.TrainLoss }), ct);
                lastReport = clock.GetTimestamp();
            },
            cancellationToken);

        return _ =>
        {
            var run = new TrainingRun
            {
                Id = Guid.CreateVersion7(),
                UserId = command.UserId,
                JobId = command.JobId,
                DatasetId = dataset.Id,
                BaseModel = command.BaseModel ?? DefaultBaseModel,
                Epochs = command.Epochs,
                Status = "trained",
                Plan = JsonSerializer.Serialize(
                    new TrainingPlan(corpus.Train.Count, corpus.Validation.Count, resumedFromEpoch, options), IntakeJson.Options),
                Metrics = JsonSerializer.Serialize(outcome.Epochs, IntakeJson.Options),
                UniformPerplexity = outcome.UniformPerplexity,
                FinalValidationPerplexity = outcome.FinalValidationPerplexity,
                Model = outcome.Model,
                CreatedAt = clock.GetUtcNowForDatabase(),
                CompletedAt = clock.GetUtcNowForDatabase(),
            };
            db.TrainingRuns.Add(run);
            return Task.FromResult<object>(new StartTrainingResult(
                run.Id, run.Status, dataset.Id, run.BaseModel, run.Epochs, corpus.Train.Count, corpus.Validation.Count,
                outcome.UniformPerplexity, outcome.FinalValidationPerplexity));
        };
    }

    private static TrainingCheckpoint? Resumable(JobCheckpoint? saved) =>
        saved is null ? null : new TrainingCheckpoint(saved.Step, saved.State);
}
