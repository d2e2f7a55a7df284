namespace Intake.Workers.Documents.Extraction;

/// <summary>
/// A document that cannot be turned into text. Retrying cannot help: the caller should fail the job
/// permanently with <see cref="Code"/> (one of <see cref="DocumentExtractionErrorCodes"/>).
/// </summary>
public sealed class DocumentExtractionException(string code, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string Code { get; } = code;
}
