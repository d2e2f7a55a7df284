using Microsoft.AspNetCore.Http.HttpResults;

namespace Intake.Api.Documents;

/// <summary>An upload ready to store, or the problem (nothing is stored under the key) that refuses it.</summary>
public sealed record UploadReadResult(DocumentUpload? Upload, ProblemHttpResult? Problem = null, ValidationProblem? Invalid = null);
