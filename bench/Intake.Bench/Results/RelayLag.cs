namespace Intake.Bench.Results;

/// <summary>Unsent outbox rows right after a submit run, and how long the relay took to drain them.</summary>
public sealed record RelayLag(string Scenario, int Concurrency, long UnsentAtEnd, double DrainSeconds);
