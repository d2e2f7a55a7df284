namespace Intake.Workers.Documents.Extraction;

/// <summary>The stable codes of <see cref="DocumentExtractionException"/>, shown to clients as the job's error code.</summary>
public static class DocumentExtractionErrorCodes
{
    public const string UnsupportedContentType = "unsupported-content-type";
    public const string CorruptDocument = "corrupt-document";
    public const string EmptyDocument = "empty-document";
}
