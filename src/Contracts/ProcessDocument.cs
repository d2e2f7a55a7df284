namespace Intake.Contracts;

/// <summary>Split a stored document into overlapping chunks.</summary>
public sealed record ProcessDocument(
    Guid JobId,
    string UserId,
    Guid DocumentId,
    int ChunkSize,
    int ChunkOverlap) : IJobCommand;
