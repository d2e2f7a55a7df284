namespace Intake.Api.OpenApi;

/// <summary>The problem types (urn:intake:problem:&lt;slug&gt;) each status can carry, for the API reference.</summary>
public static class ProblemDescriptions
{
    public static string For(int status) => status switch
    {
        400 => "`invalid-idempotency-key`, `idempotency-key-required`, `invalid-json`, `invalid-multipart` or `validation-failed`.",
        403 => "`forbidden`: the token lacks the role the route needs (admin).",
        404 => "`not-found`: unknown, or owned by another user.",
        409 => "`idempotency-request-in-flight` (see `Retry-After`), `job-not-retryable` or `job-not-cancellable`.",
        413 => "`payload-too-large`.",
        415 => "`unsupported-media-type`.",
        422 => "`idempotency-key-reused`, `document-not-found` or `dataset-not-found`.",
        _ => "A problem (RFC 9457).",
    };
}
