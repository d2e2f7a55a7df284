using System.Text.Json;

namespace Intake.Api.Idempotency;

/// <summary>A parsed submission: who, under which key, and what (the body and its fingerprint).</summary>
public sealed record SubmissionRequest(
    string UserId,
    string? Key,
    string Method,
    string Route,
    JsonElement Body,
    string Fingerprint);
