namespace Intake.IntegrationTests.Fuzzing;

/// <summary>The public submission routes and a valid body for each, which the corpus then breaks.</summary>
public sealed record FuzzTargets(Guid DocumentId, Guid DatasetId)
{
    public const string ProcessDocument = "/v1/jobs/process-document";
    public const string GenerateTrainingData = "/v1/jobs/generate-training-data";
    public const string StartTraining = "/v1/jobs/start-training";
    public const string Documents = "/v1/documents";

    public static IReadOnlyList<string> JsonRoutes { get; } = [ProcessDocument, GenerateTrainingData, StartTraining, Documents];

    /// <summary>Valid bodies as (property, JSON value) lists, so a case can replace, drop or repeat one property.</summary>
    public IReadOnlyList<(string Name, string Json)> ValidBody(string route) => route switch
    {
        ProcessDocument => [("documentId", $"\"{DocumentId}\""), ("chunkSize", "300"), ("chunkOverlap", "50")],
        GenerateTrainingData => [("documentIds", $"[\"{DocumentId}\"]"), ("format", "\"qa\""), ("maxExamples", "10"), ("validationFraction", "0.2")],
        StartTraining => [("datasetId", $"\"{DatasetId}\""), ("baseModel", "\"char-mlp\""), ("epochs", "1")],
        Documents => [("name", "\"notes.txt\""), ("contentType", "\"text/plain\""), ("content", "\"Intake keeps jobs exactly once.\"")],
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };

    public static string Render(IEnumerable<(string Name, string Json)> properties) =>
        "{" + string.Join(",", properties.Select(p => $"\"{p.Name}\":{p.Json}")) + "}";
}
