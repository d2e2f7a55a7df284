namespace Intake.Persistence.Maintenance;

/// <summary>What one sweep deleted, and in how many statements (batches, including the final empty one).</summary>
public sealed record SweepResult(int KeysDeleted, int InboxDeleted, int OutboxDeleted, int Batches);
