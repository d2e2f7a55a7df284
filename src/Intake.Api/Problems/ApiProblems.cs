using Microsoft.AspNetCore.Http.HttpResults;

namespace Intake.Api.Problems;

/// <summary>
/// Every problem Intake returns, with a stable `type`. Clients branch on the type, never on the
/// title or detail text, which may change.
/// </summary>
public static class ApiProblems
{
    public const string TypePrefix = "urn:intake:problem:";

    public static ProblemHttpResult Unauthorized(string detail) =>
        Create(StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized", detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        Create(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", detail);

    public static ProblemHttpResult InvalidIdempotencyKey(string detail) =>
        Create(StatusCodes.Status400BadRequest, "invalid-idempotency-key", "Invalid idempotency key", detail);

    public static ProblemHttpResult MissingIdempotencyKey() =>
        Create(StatusCodes.Status400BadRequest, "idempotency-key-required", "Idempotency key required",
            "This server requires an Idempotency-Key header on every submission.");

    public static ProblemHttpResult IdempotencyKeyReused() =>
        Create(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "Idempotency key reused",
            "This idempotency key was already used for a different request (other body or route). Use a new key for a new request.");

    public static ProblemHttpResult RequestInFlight() =>
        Create(StatusCodes.Status409Conflict, "idempotency-request-in-flight", "Request in flight",
            "A request with this idempotency key is still being processed. Retry after the delay given in Retry-After.");

    public static ProblemHttpResult JobNotRetryable(string status) =>
        Create(StatusCodes.Status409Conflict, "job-not-retryable", "Job cannot be retried",
            $"Only a failed job can be retried; this one is {status}.");

    public static ProblemHttpResult JobNotCancellable(string status) =>
        Create(StatusCodes.Status409Conflict, "job-not-cancellable", "Job cannot be cancelled",
            $"Only a queued or running job can be cancelled; this one is {status}.");

    public static ProblemHttpResult InvalidJson(string detail) =>
        Create(StatusCodes.Status400BadRequest, "invalid-json", "Malformed request body", detail);

    public static ProblemHttpResult InvalidMultipart(string detail) =>
        Create(StatusCodes.Status400BadRequest, "invalid-multipart", "Malformed multipart body", detail);

    public static ProblemHttpResult UnsupportedMediaType() =>
        Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type",
            "The request body must be application/json (or multipart/form-data for document uploads).");

    public static ProblemHttpResult PayloadTooLarge(long limitBytes) =>
        Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "Payload too large",
            $"The request exceeds the limit of {limitBytes} bytes.");

    public static ProblemHttpResult RateLimited(TimeSpan retryAfter) =>
        Create(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests",
            $"This caller has made too many requests. Retry after {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} seconds (Retry-After).");

    public static ProblemHttpResult NotFound(string what) =>
        Create(StatusCodes.Status404NotFound, "not-found", "Not found", $"{what} was not found.");

    public static ProblemHttpResult UnknownReference(string slug, string detail) =>
        Create(StatusCodes.Status422UnprocessableEntity, slug, "Unknown reference", detail);

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, type: TypePrefix + "validation-failed", title: "The request is invalid");

    private static ProblemHttpResult Create(int status, string slug, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypePrefix + slug);
}
