namespace Intake.Bench.Load;

/// <summary>Closed loop: <see cref="Concurrency"/> clients, each sending its next request when the last one answered.</summary>
public sealed record LoadPlan(int Concurrency, TimeSpan Warmup, TimeSpan Duration);
