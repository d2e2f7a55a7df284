using Npgsql;

namespace Intake.IntegrationTests.Infrastructure;

/// <summary>
/// An idempotency key of alice's claimed in a transaction the test controls, as a slow first
/// request holds it: a request with that key waits on the row, then replays it (commit) or gets
/// 409 (the wait runs out). Its stored response is 201 with the body {"first":true}.
/// </summary>
public static class UncommittedKey
{
    /// <summary>A fingerprint no real request has: a request reaching the row gets a mismatch, not a replay.</summary>
    public static readonly string NoRequest = new('0', 64);

    /// <summary>The fingerprint of a POST /v1/documents with this body, so that a request with it replays the claim.</summary>
    public static string DocumentFingerprint(string body) =>
        Intake.Api.Idempotency.RequestFingerprint.Compute("POST", "/v1/documents", System.Text.Json.JsonDocument.Parse(body).RootElement);

    public static async Task ClaimAsync(
        NpgsqlTransaction transaction, string key, string fingerprint, string path = "/v1/documents", string resourceType = "document")
    {
        await using var claim = new NpgsqlCommand(
            """
            INSERT INTO idempotency_keys (user_id, key, fingerprint, request_method, request_path, resource_type,
                resource_id, response_status, response_location, response_body, created_at, expires_at)
            VALUES ('alice', $1, $2, 'POST', $3, $4,
                gen_random_uuid(), 201, '/v1/documents/x', convert_to('{"first":true}', 'UTF8'), now(), now() + interval '1 hour')
            """, transaction.Connection, transaction)
        {
            Parameters = { new() { Value = key }, new() { Value = fingerprint }, new() { Value = path }, new() { Value = resourceType } },
        };
        await claim.ExecuteNonQueryAsync();
    }
}
