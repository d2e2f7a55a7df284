using System.Text.Json;

namespace Intake.Chaos.Load;

/// <summary>The request bodies the clients send.</summary>
public static class Bodies
{
    public const string Documents = "/v1/documents";
    public const string ProcessDocument = "/v1/jobs/process-document";
    public const string GenerateTrainingData = "/v1/jobs/generate-training-data";
    public const string StartTraining = "/v1/jobs/start-training";

    public static byte[] Document(string name, string content) =>
        JsonSerializer.SerializeToUtf8Bytes(new { name, contentType = "text/plain", content });

    public static byte[] Process(Guid documentId, int chunkSize) =>
        JsonSerializer.SerializeToUtf8Bytes(new { documentId, chunkSize, chunkOverlap = 50 });

    public static byte[] Dataset(Guid documentId) =>
        JsonSerializer.SerializeToUtf8Bytes(new { documentIds = new[] { documentId }, format = "completion", validationFraction = 0.2 });

    public static byte[] Training(Guid datasetId) =>
        JsonSerializer.SerializeToUtf8Bytes(new { datasetId, epochs = 1 });
}
