namespace Intake.Api.Idempotency;

/// <summary>The row stored under (user, key), as the read-first lookup returns it; it may have expired.</summary>
public sealed record StoredKey(string Fingerprint, StoredResponse Response, DateTimeOffset ExpiresAt);
