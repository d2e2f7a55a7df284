using System.Text;
using Intake.Api.Idempotency;
using Intake.Api.Problems;

namespace Intake.Api.Documents;

/// <summary>`POST /v1/documents` with a JSON body: { name, contentType (a text type), content }.</summary>
public static class JsonUploadReader
{
    public const long MaxContentBytes = 5 * 1024 * 1024;

    // JSON escaping can make the body longer than the content it carries.
    private const long MaxBodyBytes = 2 * MaxContentBytes + 64 * 1024;

    public static async Task<UploadReadResult> ReadAsync(HttpContext http, SubmissionReader reader)
    {
        var (request, problem) = await reader.ReadAsync(http, DocumentsApi.Route, MaxBodyBytes);
        if (problem is not null)
        {
            return new UploadReadResult(null, problem);
        }

        if (!RequestBinding.TryBind<CreateDocumentRequest>(request!.Body, out var body, out problem))
        {
            return new UploadReadResult(null, problem);
        }

        var errors = body.Validate();
        if (!errors.IsEmpty)
        {
            return new UploadReadResult(null, Invalid: ApiProblems.Validation(errors.ToDictionary()));
        }

        var bytes = Encoding.UTF8.GetBytes(body.Content!);
        return bytes.Length > MaxContentBytes
            ? new UploadReadResult(null, ApiProblems.PayloadTooLarge(MaxContentBytes))
            : new UploadReadResult(new DocumentUpload(request, body.Name!, body.ContentType!, bytes));
    }
}
