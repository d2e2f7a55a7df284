namespace Intake.IntegrationTests.Fuzzing;

/// <summary>One hostile request: route, Content-Type (null: none), raw body, key headers, and what it is.</summary>
public sealed record FuzzCase(
    int Index,
    string Route,
    string? ContentType,
    byte[] Body,
    IReadOnlyList<KeyValuePair<string, string[]>> Headers,
    string Description)
{
    public bool IsDocumentRoute => Route == FuzzTargets.Documents;

    public override string ToString() => $"#{Index} {Route} [{ContentType ?? "no content type"}] {Description}";
}
