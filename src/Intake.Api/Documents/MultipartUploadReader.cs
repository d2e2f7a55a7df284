using System.Security.Cryptography;
using System.Text.Json;
using Intake.Api.Auth;
using Intake.Api.Idempotency;
using Intake.Api.Limits;
using Intake.Api.Problems;
using Microsoft.AspNetCore.Http.Features;

namespace Intake.Api.Documents;

/// <summary>
/// `POST /v1/documents` as multipart/form-data (`curl -F file=@report.pdf`), up to `Limits:DocumentFileBytes`, with
/// optional `name` and `contentType` fields. Its fingerprint covers the name, the type and the
/// SHA-256 of the file, so retrying the same upload replays and another file under the key is a 422.
/// </summary>
public static class MultipartUploadReader
{
    public static async Task<UploadReadResult> ReadAsync(HttpContext http, SubmissionReader reader, LimitsOptions limits)
    {
        var maxFileBytes = limits.DocumentFileBytes;
        var maxBodyBytes = limits.DocumentMultipartBodyBytes;
        var (key, keyProblem) = reader.ReadKey(http);
        if (keyProblem is not null)
        {
            return new UploadReadResult(null, keyProblem);
        }

        if (http.Request.ContentLength > maxBodyBytes)
        {
            return new UploadReadResult(null, ApiProblems.PayloadTooLarge(maxFileBytes));
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = maxBodyBytes }, http.RequestAborted);
        }
        catch (Exception exception) when (
            exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            || (exception is InvalidDataException && exception.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)))
        {
            // The form reader's own limit, or the server's body limit for a chunked body.
            return new UploadReadResult(null, ApiProblems.PayloadTooLarge(maxFileBytes));
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
        {
            return new UploadReadResult(null, ApiProblems.InvalidMultipart(exception.Message));
        }

        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return new UploadReadResult(null, Invalid: ApiProblems.Validation(new Dictionary<string, string[]>
            {
                ["file"] = ["A non-empty file part named \"file\" is required."],
            }));
        }

        if (file.Length > maxFileBytes)
        {
            return new UploadReadResult(null, ApiProblems.PayloadTooLarge(maxFileBytes));
        }

        var name = string.IsNullOrWhiteSpace(form["name"]) ? Path.GetFileName(file.FileName) : form["name"].ToString();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 255)
        {
            return new UploadReadResult(null, Invalid: ApiProblems.Validation(new Dictionary<string, string[]>
            {
                ["name"] = ["name must be 1 to 255 characters (or the file must have a name)."],
            }));
        }

        if (name.Contains('\0'))
        {
            // The name goes into a PostgreSQL text column, which cannot hold U+0000 (it was a 500).
            return new UploadReadResult(null, Invalid: ApiProblems.Validation(new Dictionary<string, string[]>
            {
                ["name"] = ["name must not contain the character U+0000."],
            }));
        }

        var contentType = DocumentContentTypes.Resolve(
            string.IsNullOrWhiteSpace(form["contentType"]) ? file.ContentType : form["contentType"].ToString(), name);
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, http.RequestAborted);
        var content = buffer.ToArray();

        var described = JsonSerializer.SerializeToElement(new
        {
            name,
            contentType,
            sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            sizeBytes = content.Length,
        });
        var fingerprint = RequestFingerprint.Compute(http.Request.Method, DocumentsApi.Route, described);
        var request = new SubmissionRequest(http.User.GetUserId(), key.Key, http.Request.Method, DocumentsApi.Route, described, fingerprint);
        return new UploadReadResult(new DocumentUpload(request, name, contentType, content));
    }
}
