namespace Intake.Chaos.Faults;

public sealed record FaultEvent(TimeSpan At, string Kind, string Detail);
