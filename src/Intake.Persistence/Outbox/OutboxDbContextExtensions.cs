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
            MessageId = Guid.CreateVersion7(),
            MessageType = typeof(T).FullName!,
            Destination = destination,
            Body = JsonSerializer.Serialize(command, IntakeJson.Options),
            CreatedAt = now,
            AvailableAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }
}
