namespace Intake.Persistence.Entities;

/// <summary>A command committed with the request that caused it, waiting for the relay to send it.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The job this command runs, when it runs one: lets recovery see what was sent for a job.</summary>
    public Guid? JobId { get; set; }

    /// <summary>Becomes the broker message id, so every re-send of this row carries the same id.</summary>
    public Guid MessageId { get; set; }

    /// <summary>Full CLR name of the contract, resolved by <see cref="Outbox.OutboxMessageTypes"/>.</summary>
    public required string MessageType { get; set; }

    /// <summary>Queue name the command is sent to.</summary>
    public required string Destination { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Not before this time: pushed back after a failed send.</summary>
    public DateTimeOffset AvailableAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// W3C trace context of the request that committed this row: the relay continues that trace
    /// when it sends the row, so one trace runs from the HTTP request to the worker's handler.
    /// </summary>
    public string? TraceParent { get; set; }

    /// <summary>W3C tracestate that came with <see cref="TraceParent"/>, if any.</summary>
    public string? TraceState { get; set; }
}
