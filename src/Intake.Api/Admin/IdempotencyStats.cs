namespace Intake.Api.Admin;

/// <summary>`GET /v1/admin/stats`: the idempotency keys, replay/mismatch counts and requests in flight.</summary>
public sealed record IdempotencyStats(DateTimeOffset GeneratedAt, KeyStats Keys, OutcomeStats Outcomes, InFlightStats InFlight);
