using System.Net;
using Intake.IntegrationTests.Infrastructure;
using Npgsql;

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

    [Fact]
    public async Task A_replay_is_answered_by_a_read_alone_even_while_writes_to_the_keys_are_blocked()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(10));
        var body = $$"""{"documentId":"{{documentId}}"}""";
        using var first = await alice.PostAsync("/v1/jobs/process-document", body, key: "blocked-replay");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        // EXCLUSIVE mode lets readers through and makes every writer wait: a replay that still
        // opened a transaction and tried the key INSERT would wait out lock_timeout (409); the
        // read-first lookup answers at once.
        await using var connection = new NpgsqlConnection(Stack.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var lockKeys = new NpgsqlCommand("LOCK TABLE idempotency_keys IN EXCLUSIVE MODE", connection, transaction);
            await lockKeys.ExecuteNonQueryAsync();

            using var replay = await alice.PostAsync("/v1/jobs/process-document", body, key: "blocked-replay");
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
            Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await replay.Content.ReadAsByteArrayAsync());
            Assert.True(replay.Headers.Contains("Idempotency-Replayed"));

            // The lock was in force for the API: a new key waits for it and gives up (409).
            using var fresh = await alice.PostAsync("/v1/jobs/process-document", body, key: "blocked-new");
            await ApiClient.ExpectProblemAsync(fresh, HttpStatusCode.Conflict, "idempotency-request-in-flight");
            await transaction.RollbackAsync();
        }

        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM jobs"));
    }

    [Fact]
    public async Task A_replay_answers_as_first_given_even_after_the_referenced_document_is_gone()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(10));
        var body = $$"""{"documentId":"{{documentId}}"}""";
        using var first = await alice.PostAsync("/v1/jobs/process-document", body, key: "gone-document");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        await Stack.Postgres.ScalarAsync("DELETE FROM documents WHERE id = $1", documentId);

        // The retry of the accepted request is told what it was told, not 422.
        using var replay = await alice.PostAsync("/v1/jobs/process-document", body, key: "gone-document");
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await replay.Content.ReadAsByteArrayAsync());

        // A new request for it is refused, and leaves its key unused.
        using var fresh = await alice.PostAsync("/v1/jobs/process-document", body, key: "gone-document-new");
        await ApiClient.ExpectProblemAsync(fresh, HttpStatusCode.UnprocessableEntity, "document-not-found");
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM idempotency_keys WHERE key LIKE 'gone-document%'"));
    }
}
