using Intake.Chaos.Http;

namespace Intake.Chaos.Load;

/// <summary>
/// Carries a document on, as a client would: waits for its processing job, generates a dataset from
/// it (under a key, two copies at once), waits for that, and sometimes starts a one-epoch training.
/// </summary>
public sealed class Pipeline(KeyedSubmitter submitter, JobPoller poller, Ledger ledger, double trainingFraction, string tag)
{
    public async Task RunAsync(ChaosUser user, int index, string processKey, Guid documentId, Random random, CancellationToken cancellationToken)
    {
        var processed = await poller.WaitTerminalAsync(user, processKey, cancellationToken);
        if (processed?.Status != "succeeded")
        {
            return;
        }

        var generate = new KeyedRequest(user, Bodies.GenerateTrainingData, $"{tag}-g{index}", Bodies.Dataset(documentId), 202, "jobId", "submit");
        if (await submitter.SubmitAsync(generate, concurrent: 2, later: 0, random, cancellationToken) is not { } datasetJob)
        {
            return;
        }

        ledger.Jobs.Add(new AcceptedJob(user.Id, generate.Key, datasetJob, "generate-training-data"));
        ledger.Tally.Add("pipeline.datasets");
        if (random.NextDouble() >= trainingFraction)
        {
            return;
        }

        var dataset = await poller.WaitTerminalAsync(user, generate.Key, cancellationToken);
        if (dataset?.Status != "succeeded"
            || dataset.Result is not { } result
            || !result.TryGetProperty("datasetId", out var id)
            || !id.TryGetGuid(out var datasetId))
        {
            return;
        }

        var train = new KeyedRequest(user, Bodies.StartTraining, $"{tag}-t{index}", Bodies.Training(datasetId), 202, "jobId", "submit");
        if (await submitter.SubmitAsync(train, concurrent: 2, later: 0, random, cancellationToken) is { } trainingJob)
        {
            ledger.Jobs.Add(new AcceptedJob(user.Id, train.Key, trainingJob, "start-training"));
            ledger.Tally.Add("pipeline.trainings");
        }
    }
}
