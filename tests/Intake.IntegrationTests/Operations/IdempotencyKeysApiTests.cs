using System.Net;
using Intake.IntegrationTests.Infrastructure;

namespace Intake.IntegrationTests.Operations;

public sealed class IdempotencyKeysApiTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task A_key_shows_what_it_is_bound_to()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync("keyed text", key: "doc-key");
        var jobId = await alice.SubmitJobAsync("process-document", new { documentId }, key: "job-key");

        var key = await alice.GetAsync("/v1/idempotency-keys/job-key");
        Assert.Equal("job-key", key.GetProperty("key").GetString());
        Assert.Equal(64, key.GetProperty("fingerprint").GetString()!.Length);
        Assert.Equal("POST", key.GetProperty("requestMethod").GetString());
        Assert.Equal("/v1/jobs/process-document", key.GetProperty("requestPath").GetString());
        Assert.Equal("process-document", key.GetProperty("resourceType").GetString());
        Assert.Equal(jobId, key.GetProperty("resourceId").GetGuid());
        Assert.Equal(202, key.GetProperty("responseStatus").GetInt32());
        Assert.True(key.GetProperty("expiresAt").GetDateTimeOffset() > key.GetProperty("createdAt").GetDateTimeOffset());
        Assert.False(key.GetProperty("expired").GetBoolean());
        Assert.False(key.TryGetProperty("responseBody", out _));

        var document = await alice.GetAsync("/v1/idempotency-keys/doc-key");
        Assert.Equal(documentId, document.GetProperty("resourceId").GetGuid());
        Assert.Equal(201, document.GetProperty("responseStatus").GetInt32());
    }

    [Fact]
    public async Task An_expired_key_says_so()
    {
        var alice = As("alice");
        await alice.CreateDocumentAsync("old text", key: "old-key");
        await Stack.Postgres.ScalarAsync("UPDATE idempotency_keys SET expires_at = now() - interval '1 minute' WHERE key = 'old-key'");

        Assert.True((await alice.GetAsync("/v1/idempotency-keys/old-key")).GetProperty("expired").GetBoolean());
    }

    [Fact]
    public async Task Another_users_key_and_an_unknown_key_are_404_and_a_malformed_key_is_400()
    {
        await As("alice").CreateDocumentAsync("alice's text", key: "alice-key");
        var mallory = As("mallory");

        foreach (var path in new[] { "/v1/idempotency-keys/alice-key", "/v1/idempotency-keys/never-used" })
        {
            using var response = await mallory.Http.GetAsync(path);
            await ApiClient.ExpectProblemAsync(response, HttpStatusCode.NotFound, "not-found");
        }

        foreach (var path in new[] { "/v1/idempotency-keys/ab", "/v1/idempotency-keys/bad%20key", $"/v1/idempotency-keys/{new string('k', 257)}" })
        {
            using var response = await mallory.Http.GetAsync(path);
            await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest, "invalid-idempotency-key");
        }
    }
}
