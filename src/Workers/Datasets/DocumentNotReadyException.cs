namespace Intake.Workers.Datasets;

/// <summary>
/// A source document has not been processed yet. Transient on purpose: a client may submit
/// process-document and generate-training-data back to back, so the dataset job waits (through
/// the retry policy's backoff) for the processing job to commit.
/// </summary>
public sealed class DocumentNotReadyException(Guid documentId)
    : Exception($"Document {documentId} has not been processed yet.");
