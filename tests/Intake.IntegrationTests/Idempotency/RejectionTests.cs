using System.Net;
using Intake.IntegrationTests.Infrastructure;

namespace Intake.IntegrationTests.Idempotency;

public sealed class RejectionTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task Same_key_with_a_different_body_is_422_and_creates_nothing()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(10));
        await alice.SubmitJobAsync("process-document", new { documentId, chunkSize = 400 }, key: "reused-key");

        using var changed = await alice.PostAsync("/v1/jobs/process-document",
            $$"""{"documentId":"{{documentId}}","chunkSize":401}""", key: "reused-key");

        await ApiClient.ExpectProblemAsync(changed, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM jobs"));
    }

    [Fact]
    public async Task Same_key_on_a_different_route_is_422()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(10), key: "route-key");

        using var other = await alice.PostAsync("/v1/jobs/process-document", $$"""{"documentId":"{{documentId}}"}""", key: "route-key");

        await ApiClient.ExpectProblemAsync(other, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM jobs"));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("\"unterminated")]
    [InlineData("\"\"")]
    [InlineData("caf\u00e9")]
    public async Task Malformed_keys_are_400_and_write_nothing(string key)
    {
        var alice = As("alice");
        using var response = await alice.PostAsync("/v1/documents",
            """{"name":"a.txt","contentType":"text/plain","content":"x"}""", key: key);

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest, "invalid-idempotency-key");
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM documents"));
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM idempotency_keys"));
    }

    [Fact]
    public async Task Keys_longer_than_256_characters_are_400_and_256_is_accepted()
    {
        var alice = As("alice");
        const string body = """{"name":"a.txt","contentType":"text/plain","content":"x"}""";

        using var tooLong = await alice.PostAsync("/v1/documents", body, key: new string('k', 257));
        using var longest = await alice.PostAsync("/v1/documents", body, key: new string('k', 256));

        await ApiClient.ExpectProblemAsync(tooLong, HttpStatusCode.BadRequest, "invalid-idempotency-key");
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
    }

    [Fact]
    public async Task Different_keys_in_the_two_headers_are_400()
    {
        var alice = As("alice");
        using var response = await alice.PostAsync("/v1/documents",
            """{"name":"a.txt","contentType":"text/plain","content":"x"}""", key: "key-one", legacyKey: "key-two");

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest, "invalid-idempotency-key");
    }

    [Fact]
    public async Task A_validation_failure_is_not_stored_so_the_key_can_be_reused_after_a_fix()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(10));

        using var invalid = await alice.PostAsync("/v1/jobs/process-document",
            $$"""{"documentId":"{{documentId}}","chunkSize":50}""", key: "fix-me");
        var problem = await ApiClient.ExpectProblemAsync(invalid, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("chunkSize", out _));

        using var malformed = await alice.PostAsync("/v1/jobs/process-document", "{not json", key: "fix-me");
        await ApiClient.ExpectProblemAsync(malformed, HttpStatusCode.BadRequest, "invalid-json");

        using var fixedRequest = await alice.PostAsync("/v1/jobs/process-document",
            $$"""{"documentId":"{{documentId}}","chunkSize":500}""", key: "fix-me");
        Assert.Equal(HttpStatusCode.Accepted, fixedRequest.StatusCode);
        Assert.False(fixedRequest.Headers.Contains("Idempotency-Replayed"));
    }

    [Fact]
    public async Task A_lone_surrogate_in_the_body_is_400_not_a_crash()
    {
        var alice = As("alice");
        using var response = await alice.PostAsync("/v1/documents",
            """{"name":"bad\ud800","contentType":"text/plain","content":"x"}""", key: "surrogate-key");

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest, "invalid-json");
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM documents"));
    }

    [Fact]
    public async Task Unknown_document_is_422_and_not_stored()
    {
        var alice = As("alice");
        using var response = await alice.PostAsync("/v1/jobs/process-document",
            $$"""{"documentId":"{{Guid.NewGuid()}}"}""", key: "unknown-doc");

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.UnprocessableEntity, "document-not-found");
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM idempotency_keys"));
    }

    [Fact]
    public async Task Missing_references_are_422_naming_only_the_missing_ones_and_free_the_key()
    {
        var alice = As("alice");
        var present = await alice.CreateDocumentAsync(TestText.Prose(10));
        var bobs = await As("bob").CreateDocumentAsync(TestText.Prose(10));
        var absent = Guid.NewGuid();

        // Bob's document is as unknown to Alice as one that never existed.
        using var generate = await alice.PostAsync("/v1/jobs/generate-training-data",
            $$"""{"documentIds":["{{present}}","{{absent}}","{{bobs}}"]}""", key: "refs-key");
        var problem = await ApiClient.ExpectProblemAsync(generate, HttpStatusCode.UnprocessableEntity, "document-not-found");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(absent.ToString(), detail);
        Assert.Contains(bobs.ToString(), detail);
        Assert.DoesNotContain(present.ToString(), detail);

        using var train = await alice.PostAsync("/v1/jobs/start-training", $$"""{"datasetId":"{{Guid.NewGuid()}}"}""");
        await ApiClient.ExpectProblemAsync(train, HttpStatusCode.UnprocessableEntity, "dataset-not-found");

        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM jobs"));
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages"));
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM idempotency_keys"));

        // Nothing was stored under the key: the corrected request is a new submission.
        using var corrected = await alice.PostAsync("/v1/jobs/generate-training-data",
            $$"""{"documentIds":["{{present}}"]}""", key: "refs-key");
        await ApiClient.ExpectAsync(corrected, HttpStatusCode.Accepted);
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM jobs"));
    }

    [Fact]
    public async Task Wrong_content_type_is_415_and_oversized_documents_are_413()
    {
        var alice = As("alice");
        using var text = new HttpRequestMessage(HttpMethod.Post, "/v1/documents")
        {
            Content = new StringContent("hello", System.Text.Encoding.UTF8, "text/plain"),
        };
        using var wrongType = await alice.Http.SendAsync(text);
        await ApiClient.ExpectProblemAsync(wrongType, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");

        var huge = new string('a', 5 * 1024 * 1024 + 1);
        using var tooLarge = await alice.PostAsync("/v1/documents",
            $$"""{"name":"big.txt","contentType":"text/plain","content":"{{huge}}"}""", key: "big-doc");
        await ApiClient.ExpectProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM documents"));
    }
}
