using Intake.Api.Idempotency;

namespace Intake.Api.Documents;

/// <summary>An upload, JSON or multipart, reduced to what is stored: who, under which key, and the file.</summary>
public sealed record DocumentUpload(SubmissionRequest Request, string Name, string ContentType, byte[] Content);
