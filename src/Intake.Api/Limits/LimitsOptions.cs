namespace Intake.Api.Limits;

/// <summary>Request size limits (section "Limits"). Bodies past a limit are 413 `payload-too-large`.</summary>
public sealed class LimitsOptions
{
    /// <summary>JSON body of a job submission (process-document, generate-training-data, start-training).</summary>
    public long JobBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Content of a JSON document upload (UTF-8 bytes of its `content`).</summary>
    public long DocumentJsonContentBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>File of a multipart document upload.</summary>
    public long DocumentFileBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Kestrel's body limit for every route that does not set its own (all other /v1 POSTs).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Kestrel: all request headers together; beyond it Kestrel itself answers 431.</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>Kestrel: number of request headers; beyond it Kestrel itself answers 431.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>A JSON upload's body: JSON escaping can make it longer than the content it carries.</summary>
    public long DocumentJsonBodyBytes => 2 * DocumentJsonContentBytes + 64 * 1024;

    /// <summary>A multipart upload's body: the file plus its parts' headers and the small fields.</summary>
    public long DocumentMultipartBodyBytes => DocumentFileBytes + 256 * 1024;
}
