namespace Intake.Api.OpenApi;

/// <summary>One operation's success status, whether it honours Idempotency-Key, and its problem statuses.</summary>
public sealed record OperationResponses(int Success, bool Idempotent, params int[] Problems);
