using System.Net.Http.Headers;

namespace Intake.Bench.Api;

/// <summary>One simulated client: its user id (the token's sub), its bearer header and a document it owns.</summary>
public sealed record BenchUser(string Id, AuthenticationHeaderValue Authorization, string DocumentId)
{
    /// <summary>The process-document request body for this user's document (default chunking).</summary>
    public byte[] ProcessDocumentBody { get; } = System.Text.Encoding.UTF8.GetBytes($"{{\"documentId\":\"{DocumentId}\"}}");
}
