namespace Intake.Persistence.Inbox;

/// <summary>The client cancelled the job while it ran; the work stops and the job ends `cancelled`.</summary>
public sealed class JobCancelledException(Guid jobId) : Exception($"Job {jobId} was cancelled.");
