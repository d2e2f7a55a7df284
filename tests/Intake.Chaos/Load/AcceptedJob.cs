namespace Intake.Chaos.Load;

/// <summary>A job the API accepted (a 202 seen by a client); Key is null for a keyless submission.</summary>
public sealed record AcceptedJob(string UserId, string? Key, Guid JobId, string Type);
