using Intake.Api.Problems;

namespace Intake.Api.Limits;

/// <summary>
/// Problems written by the framework rather than by a handler (status code pages: 405, a 413 from
/// the server's body limit while binding, a 400 from a malformed request) get a stable
/// `urn:intake:problem:` type too, so clients can branch on the type of every 4xx/5xx.
/// </summary>
public static class FrameworkProblemTypes
{
    public static string SlugFor(int status) => status switch
    {
        400 => "bad-request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        406 => "not-acceptable",
        408 => "request-timeout",
        411 => "length-required",
        413 => "payload-too-large",
        415 => "unsupported-media-type",
        431 => "request-headers-too-large",
        500 => "internal-error",
        503 => "service-unavailable",
        _ => $"http-{status}",
    };

    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type?.StartsWith(ApiProblems.TypePrefix, StringComparison.Ordinal) == true)
        {
            return;
        }

        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Type = ApiProblems.TypePrefix + SlugFor(status);
    }
}
