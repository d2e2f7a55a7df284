namespace Intake.Persistence.Entities;

/// <summary>One submitted job. Its status moves queued → running → succeeded | failed.</summary>
public sealed class Job
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>The key it was submitted under, or null for a keyless submission.</summary>
    public string? IdempotencyKey { get; set; }

    public required string Type { get; set; }

    public string Status { get; set; } = JobStatuses.Queued;

    /// <summary>Executions started (first run, retries and redeliveries).</summary>
    public int Attempts { get; set; }

    /// <summary>The validated request, as JSON.</summary>
    public required string Request { get; set; }

    /// <summary>
    /// The command that runs this job, as JSON. Kept with the job so that a retry or a recovery of
    /// stuck work can send it again without the client.
    /// </summary>
    public string? Command { get; set; }

    /// <summary>While running: what the worker last reported ({ stage, percent, epoch, metrics }).</summary>
    public string? Progress { get; set; }

    /// <summary>Set by a cancel request; the worker notices it at its next progress report.</summary>
    public bool CancelRequested { get; set; }

    /// <summary>Which worker holds the lease while running (long jobs only: short jobs run inside the inbox transaction).</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>The result document, as JSON, once succeeded.</summary>
    public string? Result { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>While running: when the worker's claim lapses if it stops renewing it.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }
}
