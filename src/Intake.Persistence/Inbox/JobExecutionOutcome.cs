namespace Intake.Persistence.Inbox;

public enum JobExecutionOutcome
{
    /// <summary>This delivery ran the job and committed its effects.</summary>
    Completed,

    /// <summary>Another delivery already committed this job; nothing was done.</summary>
    Duplicate,

    /// <summary>The job had already reached a terminal state (succeeded or failed); nothing was done.</summary>
    AlreadyFinished,
}
