namespace Intake.Api.Idempotency;

/// <summary>What a submission will commit: the resource it creates and the response to give.</summary>
public sealed record StagedSubmission(Guid ResourceId, StoredResponse Response, bool SendsCommand);
