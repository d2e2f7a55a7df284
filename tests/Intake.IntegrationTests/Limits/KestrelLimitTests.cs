using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Intake.IntegrationTests.Infrastructure;
using Intake.IntegrationTests.Security;

namespace Intake.IntegrationTests.Limits;

/// <summary>
/// Limits that only the real server enforces. TestServer ignores Kestrel's limits, so these run
/// the API through WebApplicationFactory.UseKestrel on a free loopback port and talk real HTTP.
/// </summary>
public sealed class KestrelLimitTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    private IntakeApiFactory _api = null!;
    private ApiClient _alice = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _api = new IntakeApiFactory(new Dictionary<string, string?>
        {
            ["Limits:MaxRequestHeadersTotalSize"] = "4096",
            ["Limits:MaxRequestHeaderCount"] = "20",
            ["Limits:JobBodyBytes"] = "1024",
            ["Limits:MaxRequestBodyBytes"] = "2048",
        });
        _api.UseKestrel(0);
        _api.StartServer();
        var http = _api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("alice"));
        _alice = new ApiClient(http);
    }

    public override async Task DisposeAsync()
    {
        _alice.Http.Dispose();
        await _api.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Headers_past_the_configured_size_or_count_are_answered_431_by_Kestrel_and_store_nothing()
    {
        var documentId = await _alice.CreateDocumentAsync(TestText.Prose(3));
        var body = $$"""{"documentId":"{{documentId}}"}""";
        var before = await RowCounts.ReadAsync(Stack.Postgres);

        using (var large = Submission(body, "h-1"))
        {
            large.Headers.TryAddWithoutValidation("X-Padding", new string('x', 5000));
            using var response = await _alice.Http.SendAsync(large);
            Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);

            // Kestrel answers before any middleware runs: no problem body.
            Assert.NotEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using (var many = Submission(body, "h-2"))
        {
            for (var i = 0; i < 25; i++)
            {
                many.Headers.TryAddWithoutValidation($"X-Extra-{i}", "1");
            }

            using var response = await _alice.Http.SendAsync(many);
            Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        }

        Assert.Equal(before, await RowCounts.ReadAsync(Stack.Postgres));

        // Under the limits the same request is accepted.
        using (var fine = Submission(body, "h-3"))
        {
            using var response = await _alice.Http.SendAsync(fine);
            await ApiClient.ExpectAsync(response, HttpStatusCode.Accepted);
        }
    }

    [Fact]
    public async Task Chunked_bodies_past_the_route_or_server_limit_are_413_problems()
    {
        var documentId = await _alice.CreateDocumentAsync(TestText.Prose(3));
        var before = await RowCounts.ReadAsync(Stack.Postgres);

        // The job route's own limit (1 KiB), enforced by the server while the handler reads.
        var job = BodyLimitTests.Padded($$"""{"documentId":"{{documentId}}","pad":""}""", 1500);
        using (var response = await _alice.Http.SendAsync(BodyLimitTests.Chunked("/v1/jobs/process-document", job, "c-1")))
        {
            await ApiClient.ExpectProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "urn:intake:problem:payload-too-large");
        }

        // A route without its own limit gets the server-wide one (2 KiB); the framework's 413
        // gets the same stable problem type.
        var sample = BodyLimitTests.Padded("""{"prompt":""}""", 4096);
        using (var response = await _alice.Http.SendAsync(BodyLimitTests.Chunked($"/v1/training-runs/{Guid.NewGuid()}/sample", sample, "c-2")))
        {
            await ApiClient.ExpectProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "urn:intake:problem:payload-too-large");
        }

        using (var sized = new HttpRequestMessage(HttpMethod.Post, $"/v1/training-runs/{Guid.NewGuid()}/sample")
        {
            Content = new StringContent(sample, Encoding.UTF8, "application/json"),
        })
        {
            using var response = await _alice.Http.SendAsync(sized);
            await ApiClient.ExpectProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "urn:intake:problem:payload-too-large");
        }

        Assert.Equal(before, await RowCounts.ReadAsync(Stack.Postgres));
    }

    [Fact]
    public async Task A_body_read_chunked_and_the_same_body_read_by_its_length_are_one_request()
    {
        // The handler reads a sized body into one buffer of its declared length and a chunked one
        // through a pooled buffer: both must see the same bytes, so the second is the first's replay.
        var documentId = await _alice.CreateDocumentAsync(TestText.Prose(3));
        var job = BodyLimitTests.Padded($$"""{"documentId":"{{documentId}}","pad":""}""", 1000);

        using var chunked = await _alice.Http.SendAsync(BodyLimitTests.Chunked("/v1/jobs/process-document", job, "same-1"));
        var first = await ApiClient.ExpectAsync(chunked, HttpStatusCode.Accepted);
        Assert.False(chunked.Headers.Contains("Idempotency-Replayed"));

        using var sized = await _alice.Http.SendAsync(Submission(job, "same-1"));
        var again = await ApiClient.ExpectAsync(sized, HttpStatusCode.Accepted);
        Assert.True(sized.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(first.GetProperty("jobId").GetGuid(), again.GetProperty("jobId").GetGuid());

        // One byte different under the same key is another request, whichever way it was read.
        using var changed = await _alice.Http.SendAsync(Submission(job[..^3] + "q\"}", "same-1"));
        await ApiClient.ExpectProblemAsync(changed, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM jobs"));
    }

    [Fact]
    public async Task The_document_route_raises_the_server_wide_limit_to_its_own()
    {
        // 10 KB is over the server-wide 2 KiB but well within the upload limits.
        var documentId = await _alice.CreateDocumentAsync(TestText.Prose(60) + new string('x', 10_000), key: "big-doc");
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM documents WHERE id = $1", documentId));

        var chunked = BodyLimitTests.Chunked("/v1/documents", $$"""{"name":"c.txt","contentType":"text/plain","content":"{{new string('y', 10_000)}}"}""", "big-doc-2");
        using var response = await _alice.Http.SendAsync(chunked);
        await ApiClient.ExpectAsync(response, HttpStatusCode.Created);
    }

    private static HttpRequestMessage Submission(string json, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/jobs/process-document")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }
}
