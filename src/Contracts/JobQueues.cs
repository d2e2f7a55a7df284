namespace Intake.Contracts;

/// <summary>
/// One queue per job type, so each kind of worker scales on its own. The outbox relay sends to
/// these names and the workers' receive endpoints listen on them; both sides share this class.
/// </summary>
public static class JobQueues
{
    public const string ProcessDocument = "process-document";
    public const string GenerateTrainingData = "generate-training-data";
    public const string StartTraining = "start-training";
}
