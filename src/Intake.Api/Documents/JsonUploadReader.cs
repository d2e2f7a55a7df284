using System.Text;
using Intake.Api.Idempotency;
using Intake.Api.Limits;
using Intake.Api.Problems;

namespace Intake.Api.Documents;

/// <summary>`POST /v1/documents` with a JSON body: { name, contentType (a text type), content }.</summary>
public static class JsonUploadReader
{
    public static async Task<UploadReadResult> ReadAsync(HttpContext http, SubmissionReader reader, LimitsOptions limits)
    {
        var (request, problem) = await reader.ReadAsync(http, DocumentsApi.Route, limits.DocumentJsonBodyBytes);
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
        return bytes.Length > limits.DocumentJsonContentBytes
            ? new UploadReadResult(null, ApiProblems.PayloadTooLarge(limits.DocumentJsonContentBytes))
            : new UploadReadResult(new DocumentUpload(request, body.Name!, body.ContentType!, bytes));
    }
}
