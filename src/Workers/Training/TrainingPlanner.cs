using System.Text.Json;
using Intake.Contracts;
using Intake.Persistence;
using Intake.Persistence.Entities;
using Intake.Persistence.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Intake.Workers.Training;

/// <summary>
/// Checks the dataset and registers a training run with its plan. Training itself (a model that
/// learns on this machine) is a later piece of work; the run stays "planned" until then.
/// </summary>
public sealed class TrainingPlanner(IntakeDbContext db, TimeProvider clock)
{
    public const string DefaultBaseModel = "intake-char-bigram";
    private const int BatchSize = 16;
    private const double LearningRate = 1e-3;

    public async Task<object> PlanAsync(StartTraining command, CancellationToken cancellationToken)
    {
        var dataset = await db.Datasets.AsNoTracking()
            .SingleOrDefaultAsync(d => d.Id == command.DatasetId && d.UserId == command.UserId, cancellationToken)
            ?? throw new PermanentJobFailureException("dataset-not-found", $"Dataset {command.DatasetId} does not exist.");
        if (dataset.TrainCount == 0)
        {
            throw new PermanentJobFailureException("dataset-empty", $"Dataset {dataset.Id} has no training examples.");
        }

        var stepsPerEpoch = (dataset.TrainCount + BatchSize - 1) / BatchSize;
        var plan = new TrainingPlan(dataset.TrainCount, dataset.ValidationCount, command.Epochs, BatchSize,
            stepsPerEpoch, stepsPerEpoch * command.Epochs, LearningRate);
        var run = new TrainingRun
        {
            Id = Guid.CreateVersion7(),
            UserId = command.UserId,
            JobId = command.JobId,
            DatasetId = dataset.Id,
            BaseModel = command.BaseModel ?? DefaultBaseModel,
            Epochs = command.Epochs,
            Status = "planned",
            Plan = JsonSerializer.Serialize(plan, IntakeJson.Options),
            CreatedAt = clock.GetUtcNowForDatabase(),
        };
        db.TrainingRuns.Add(run);

        return new StartTrainingResult(run.Id, run.Status, dataset.Id, run.BaseModel, run.Epochs,
            plan.TrainExamples, plan.ValidationExamples, plan.TotalSteps);
    }
}
