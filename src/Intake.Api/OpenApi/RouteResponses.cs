namespace Intake.Api.OpenApi;

/// <summary>
/// What each /v1 operation can answer besides its success: the problem statuses (every one also
/// gets 401 and 429) and whether it is an idempotent submission. Keyed by "METHOD path" as the API
/// explorer writes the path (no leading slash, no route constraints).
/// </summary>
public static class RouteResponses
{
    private static readonly int[] SubmissionProblems = [400, 409, 413, 415, 422];

    public static readonly IReadOnlyDictionary<string, OperationResponses> ByOperation =
        new Dictionary<string, OperationResponses>(StringComparer.OrdinalIgnoreCase)
        {
            ["POST v1/documents"] = new(201, true, SubmissionProblems),
            ["GET v1/documents/{documentId}"] = new(200, false, 404),
            ["GET v1/documents/{documentId}/chunks"] = new(200, false, 404),
            ["POST v1/jobs/process-document"] = new(202, true, SubmissionProblems),
            ["POST v1/jobs/generate-training-data"] = new(202, true, SubmissionProblems),
            ["POST v1/jobs/start-training"] = new(202, true, SubmissionProblems),
            ["GET v1/jobs/{jobId}"] = new(200, false, 404),
            ["GET v1/jobs/by-key/{idempotencyKey}"] = new(200, false, 400, 404),
            ["GET v1/jobs"] = new(200, false, 400),
            ["POST v1/jobs/{jobId}/retry"] = new(202, true, 400, 404, 409, 413, 415, 422),
            ["POST v1/jobs/{jobId}/cancel"] = new(200, false, 404, 409),
            ["GET v1/datasets/{datasetId}"] = new(200, false, 404),
            ["GET v1/datasets/{datasetId}/examples"] = new(200, false, 400, 404),
            ["GET v1/training-runs/{trainingRunId}"] = new(200, false, 404),
            ["GET v1/training-runs/{trainingRunId}/model"] = new(200, false, 404),
            ["POST v1/training-runs/{trainingRunId}/sample"] = new(200, false, 400, 404, 415),
            ["GET v1/idempotency-keys/{key}"] = new(200, false, 400, 404),
            ["GET v1/admin/stats"] = new(200, false, 403),
        };
}
