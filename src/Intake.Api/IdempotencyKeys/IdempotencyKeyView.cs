using Intake.Persistence.Entities;

namespace Intake.Api.IdempotencyKeys;

/// <summary>What the caller may know about one of their keys: never the stored response body.</summary>
public sealed record IdempotencyKeyView(
    string Key,
    string Fingerprint,
    string RequestMethod,
    string RequestPath,
    string ResourceType,
    Guid ResourceId,
    int ResponseStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    bool Expired)
{
    public static IdempotencyKeyView From(IdempotencyRecord record, DateTimeOffset now) => new(
        record.Key,
        record.Fingerprint,
        record.RequestMethod,
        record.RequestPath,
        record.ResourceType,
        record.ResourceId,
        record.ResponseStatus,
        record.CreatedAt,
        record.ExpiresAt,
        // An expired row may linger until the cleanup deletes it; it no longer binds the key.
        record.ExpiresAt <= now);
}
