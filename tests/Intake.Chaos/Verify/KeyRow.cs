namespace Intake.Chaos.Verify;

public sealed record KeyRow(string UserId, string Key, string ResourceType, Guid ResourceId);
