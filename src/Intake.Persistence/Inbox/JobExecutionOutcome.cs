namespace Intake.Persistence.Inbox;

public enum JobExecutionOutcome
{
    /// <summary>This delivery ran the job and committed its effects.</summary>
    Completed,

    /// <summary>Another delivery already committed this job; nothing was done.</summary>
    Duplicate,

    /// <summary>The job had already reached a terminal state; nothing was done.</summary>
    AlreadyFinished,

    /// <summary>A long job is running under another worker's live lease; this delivery stands aside.</summary>
    LeaseHeldElsewhere,

    /// <summary>This delivery's lease was taken over while it ran; it stopped without effects.</summary>
    LeaseLost,

    /// <summary>The client cancelled the job; it ended `cancelled` without effects.</summary>
    Cancelled,
}
