namespace Intake.Api.Documents;

public sealed record DocumentChunks(Guid DocumentId, int ChunkCount, IReadOnlyList<ChunkView> Chunks);
