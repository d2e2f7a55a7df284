namespace Intake.IntegrationTests.Observability;

public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
