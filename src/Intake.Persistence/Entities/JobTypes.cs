using Intake.Contracts;

namespace Intake.Persistence.Entities;

/// <summary>Job types are named after the queue that carries their command.</summary>
public static class JobTypes
{
    public const string ProcessDocument = JobQueues.ProcessDocument;
    public const string GenerateTrainingData = JobQueues.GenerateTrainingData;
    public const string StartTraining = JobQueues.StartTraining;

    public static readonly IReadOnlyList<string> All = [ProcessDocument, GenerateTrainingData, StartTraining];
}
