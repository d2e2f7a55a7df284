using System.Net;
using Intake.IntegrationTests.Infrastructure;

namespace Intake.IntegrationTests.Idempotency;

public sealed class ReplayTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task Retry_with_the_same_key_replays_the_first_response_byte_for_byte()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(20));
        var body = $$"""{"documentId":"{{documentId}}","chunkSize":400}""";

        using var first = await alice.PostAsync("/v1/jobs/process-document", body, key: "replay-key-1");
        using var second = await alice.PostAsync("/v1/jobs/process-document", body, key: "replay-key-1");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotency-Replayed")));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("X-Idempotency-Replay")));

        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM jobs"));
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task Reordered_and_reformatted_body_is_the_same_request()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(10));

        using var first = await alice.PostAsync("/v1/jobs/process-document",
            $$"""{"documentId":"{{documentId}}","chunkSize":500,"chunkOverlap":10}""", key: "reorder-key");
        using var second = await alice.PostAsync("/v1/jobs/process-document",
            $$"""
            {
              "chunkOverlap" : 10,
              "chunkSize"    : 500,
              "documentId"   : "{{documentId}}"
            }
            """, key: "reorder-key");

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.True(second.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM jobs"));
    }

    [Fact]
    public async Task Document_upload_replays_and_creates_one_document()
    {
        var alice = As("alice");
        const string body = """{"name":"a.txt","contentType":"text/plain","content":"hello world, twice"}""";

        using var first = await alice.PostAsync("/v1/documents", body, key: "doc-key");
        using var second = await alice.PostAsync("/v1/documents", body, key: "doc-key");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.True(second.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM documents"));
    }

    [Fact]
    public async Task Legacy_header_is_honoured_and_quoted_keys_equal_bare_ones()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync("some text to chunk");
        var body = $$"""{"documentId":"{{documentId}}"}""";

        using var first = await alice.PostAsync("/v1/jobs/process-document", body, legacyKey: "legacy-key");
        using var quoted = await alice.PostAsync("/v1/jobs/process-document", body, key: "\"legacy-key\"");
        using var both = await alice.PostAsync("/v1/jobs/process-document", body, key: "legacy-key", legacyKey: "legacy-key");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.True(quoted.Headers.Contains("Idempotency-Replayed"));
        Assert.True(both.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM jobs"));
    }

    [Fact]
    public async Task Requests_without_a_key_always_create_new_jobs()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync("some text to chunk");

        var first = await alice.SubmitJobAsync("process-document", new { documentId });
        var second = await alice.SubmitJobAsync("process-document", new { documentId });

        Assert.NotEqual(first, second);
        Assert.Equal(2, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM jobs"));
        Assert.Equal(2, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task An_expired_key_may_be_used_again_for_a_new_request()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(10));
        var firstJob = await alice.SubmitJobAsync("process-document", new { documentId }, key: "expiring-key");

        await Stack.Postgres.ScalarAsync("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' RETURNING 1");
        var secondJob = await alice.SubmitJobAsync("process-document", new { documentId, chunkSize = 300 }, key: "expiring-key");

        Assert.NotEqual(firstJob, secondJob);
        var byKey = await alice.GetAsync("/v1/jobs/by-key/expiring-key");
        Assert.Equal(secondJob, byKey.GetProperty("jobId").GetGuid());
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM idempotency_keys"));
    }
}
