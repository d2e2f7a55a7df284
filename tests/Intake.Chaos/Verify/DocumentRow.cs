namespace Intake.Chaos.Verify;

/// <summary>A document and the shape of its chunk set.</summary>
public sealed record DocumentRow(
    Guid Id,
    string UserId,
    int? ChunkCount,
    Guid? ProcessedByJobId,
    long Chunks,
    long ChunkJobIds,
    int? MinOrdinal,
    int? MaxOrdinal,
    long ChunksOfOtherJobs);
