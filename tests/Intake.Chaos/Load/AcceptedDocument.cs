namespace Intake.Chaos.Load;

public sealed record AcceptedDocument(string UserId, string Key, Guid DocumentId);
