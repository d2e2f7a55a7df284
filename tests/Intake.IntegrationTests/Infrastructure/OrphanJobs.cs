using Intake.Contracts;
using Intake.Persistence;
using Intake.Persistence.Entities;
using Intake.Persistence.Outbox;

namespace Intake.IntegrationTests.Infrastructure;

/// <summary>
/// Rows for the relay's tests: a job and its outbox command for a document that does not exist,
/// so a worker that receives it fails the job at once, harmlessly.
/// </summary>
public static class OrphanJobs
{
    /// <summary>Adds the job and its command to <paramref name="db"/>; the caller's SaveChanges writes them.</summary>
    public static OutboxMessage Add(IntakeDbContext db, DateTimeOffset now)
    {
        var jobId = Guid.CreateVersion7();
        db.Jobs.Add(new Job { Id = jobId, UserId = "alice", Type = JobTypes.ProcessDocument, Request = "{}", CreatedAt = now });
        return db.AddOutboxCommand(new ProcessDocument(jobId, "alice", Guid.CreateVersion7(), 500, 50), JobQueues.ProcessDocument, now);
    }
}
