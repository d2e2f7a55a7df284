using System.Text.Json;
using Intake.Contracts;
using Intake.Persistence.Entities;

namespace Intake.Persistence.Outbox;

public static class OutboxDbContextExtensions
{
    /// <summary>
    /// Adds a command to the outbox. It is written by the caller's SaveChanges, in the caller's
    /// transaction, and sent by the relay only once that transaction has committed.
    /// </summary>
    public static OutboxMessage AddOutboxCommand<T>(this IntakeDbContext db, T command, string destination, DateTimeOffset now)
        where T : class, IJobCommand
    {
        var message = new OutboxMessage
        {
            JobId = command.JobId,
            MessageId = Guid.CreateVersion7(),
            MessageType = typeof(T).FullName!,
            Destination = destination,
            Body = JsonSerializer.Serialize(command, IntakeJson.Options),
            CreatedAt = now,
            AvailableAt = now,
        };
        OutboxTraceContext.Capture(message);
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>
    /// Sends a job's stored command again (an explicit retry, or recovery of work whose worker
    /// died). It is a new outbox row with a new message id; the inbox still runs the job once.
    /// </summary>
    public static OutboxMessage AddOutboxResend(this IntakeDbContext db, Job job, DateTimeOffset now)
    {
        var command = job.Command
            ?? throw new InvalidOperationException($"Job {job.Id} has no stored command to send again.");
        var message = new OutboxMessage
        {
            JobId = job.Id,
            MessageId = Guid.CreateVersion7(),
            MessageType = JobCommandTypes.For(job.Type).FullName!,
            Destination = job.Type,
            Body = command,
            CreatedAt = now,
            AvailableAt = now,
        };
        OutboxTraceContext.Capture(message);
        db.OutboxMessages.Add(message);
        return message;
    }
}
