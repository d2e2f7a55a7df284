using Intake.ServiceDefaults.Telemetry;

namespace Intake.Api.Idempotency;

/// <summary>
/// Counts each submission once, by outcome, when its response starts. The idempotent submission
/// names its own outcome (created, replayed, key_reused, in_flight, refused); a submission that
/// never got that far is classified by its status: 400/413/415 rejected, other errors refused or failed.
/// </summary>
public static class SubmissionOutcomes
{
    public const string Created = "created";
    public const string Replayed = "replayed";
    public const string KeyReused = "key_reused";
    public const string InFlight = "in_flight";
    public const string Rejected = "rejected";
    public const string Refused = "refused";
    public const string Failed = "failed";

    /// <summary>Marks the request as a submission: its outcome is counted when the response starts.</summary>
    public static void Track(HttpContext http)
    {
        if (http.Features.Get<SubmissionOutcomeFeature>() is not null)
        {
            return;
        }

        var outcome = new SubmissionOutcomeFeature();
        http.Features.Set(outcome);
        http.Response.OnStarting(() =>
        {
            var metrics = http.RequestServices.GetRequiredService<IntakeMetrics>();
            metrics.Submission(outcome.Name ?? Classify(http.Response.StatusCode));
            return Task.CompletedTask;
        });
    }

    public static void Record(HttpContext http, string outcome)
    {
        Track(http);
        http.Features.Get<SubmissionOutcomeFeature>()!.Name = outcome;
    }

    private static string Classify(int status) => status switch
    {
        StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType => Rejected,
        >= 500 => Failed,
        >= 400 => Refused,
        _ => Created,
    };
}
