namespace Intake.Api.Jobs;

public sealed record ProcessDocumentRequest(Guid? DocumentId, int? ChunkSize, int? ChunkOverlap)
{
    public const int DefaultChunkSize = 1000;
    public const int DefaultChunkOverlap = 100;

    public int EffectiveChunkSize => ChunkSize ?? DefaultChunkSize;

    public int EffectiveChunkOverlap => ChunkOverlap ?? Math.Min(DefaultChunkOverlap, EffectiveChunkSize / 2);

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (DocumentId is null || DocumentId == Guid.Empty)
        {
            errors.Add("documentId", "documentId is required.");
        }

        if (EffectiveChunkSize is < 200 or > 8000)
        {
            errors.Add("chunkSize", "chunkSize must be between 200 and 8000.");
        }
        else if (EffectiveChunkOverlap < 0 || EffectiveChunkOverlap > EffectiveChunkSize / 2)
        {
            errors.Add("chunkOverlap", $"chunkOverlap must be between 0 and chunkSize/2 ({EffectiveChunkSize / 2}).");
        }

        return errors;
    }
}
