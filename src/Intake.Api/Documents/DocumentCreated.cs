namespace Intake.Api.Documents;

/// <summary>The 201 body of an upload (stored and replayed as it was first written).</summary>
public sealed record DocumentCreated(Guid DocumentId, string Name, string ContentType, long SizeBytes, string Sha256, DateTimeOffset CreatedAt);
