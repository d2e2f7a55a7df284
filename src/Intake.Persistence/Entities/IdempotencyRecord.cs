namespace Intake.Persistence.Entities;

/// <summary>
/// The first response given to (user, key). Inserted in the same transaction as the job and its
/// outbox command, so a committed record always has its effects and a rolled-back one never does.
/// A request still in flight is an uncommitted row: concurrent requests with the same key wait on it.
/// </summary>
public sealed class IdempotencyRecord
{
    public required string UserId { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 over method, route and canonical JSON body (hex).</summary>
    public required string Fingerprint { get; set; }

    public required string RequestMethod { get; set; }

    public required string RequestPath { get; set; }

    /// <summary>"job" or "document".</summary>
    public required string ResourceType { get; set; }

    public Guid ResourceId { get; set; }

    public int ResponseStatus { get; set; }

    public string? ResponseLocation { get; set; }

    /// <summary>The exact bytes of the first response body, replayed as they are.</summary>
    public required byte[] ResponseBody { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
