using Intake.Contracts;
using Intake.Persistence.Entities;

namespace Intake.Persistence.Outbox;

/// <summary>The contract that runs each job type (whose queue has the type's name).</summary>
public static class JobCommandTypes
{
    public static Type For(string jobType) => jobType switch
    {
        JobTypes.ProcessDocument => typeof(ProcessDocument),
        JobTypes.GenerateTrainingData => typeof(GenerateTrainingData),
        JobTypes.StartTraining => typeof(StartTraining),
        _ => throw new ArgumentOutOfRangeException(nameof(jobType), jobType, "Unknown job type."),
    };

    /// <summary>The job type a contract runs (the inverse of <see cref="For"/>).</summary>
    public static string JobTypeOf(Type commandType) =>
        JobTypes.All.FirstOrDefault(t => For(t) == commandType)
        ?? throw new ArgumentOutOfRangeException(nameof(commandType), commandType, "Not a job command.");
}
