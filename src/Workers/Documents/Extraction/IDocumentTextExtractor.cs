namespace Intake.Workers.Documents.Extraction;

/// <summary>Turns a stored document's bytes into normalised text blocks. Implementations are stateless and thread-safe.</summary>
public interface IDocumentTextExtractor
{
    /// <exception cref="DocumentExtractionException">
    /// <c>corrupt-document</c> when the bytes cannot be decoded or parsed; <c>empty-document</c> when
    /// they hold no text.
    /// </exception>
    ExtractedDocument Extract(ReadOnlyMemory<byte> content);
}
