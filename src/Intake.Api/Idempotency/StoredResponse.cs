namespace Intake.Api.Idempotency;

/// <summary>A response as first given: replayed byte for byte for a retry with the same key.</summary>
public sealed record StoredResponse(int StatusCode, string? Location, byte[] Body);
