namespace Intake.Persistence.Inbox;

/// <summary>
/// This worker's lease on a long job expired and the job was handed to another delivery: this one
/// must stop without writing anything, since the new holder owns the job now.
/// </summary>
public sealed class LeaseLostException(Guid jobId) : Exception($"The lease on job {jobId} was lost to another worker.");
