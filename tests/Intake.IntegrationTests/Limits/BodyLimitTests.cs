using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Intake.IntegrationTests.Infrastructure;
using Intake.IntegrationTests.Security;

namespace Intake.IntegrationTests.Limits;

/// <summary>Per-route body limits on TestServer: the handlers' own checks, with and without Content-Length.</summary>
public sealed class BodyLimitTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    public static TheoryData<string> JobRoutes => new()
    {
        "/v1/jobs/process-document", "/v1/jobs/generate-training-data", "/v1/jobs/start-training",
    };

    [Theory]
    [MemberData(nameof(JobRoutes))]
    public async Task A_job_submission_over_64_KiB_is_413_and_stores_nothing_under_its_key(string route)
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(3));
        var before = await RowCounts.ReadAsync(Stack.Postgres);

        // Valid JSON, only too long: the padding is an unknown property.
        var json = Padded($$"""{"documentId":"{{documentId}}","documentIds":["{{documentId}}"],"datasetId":"{{Guid.NewGuid()}}","pad":""}""", 64 * 1024 + 1);
        using var sized = await alice.PostAsync(route, json, key: "big-1");
        await ApiClient.ExpectProblemAsync(sized, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");

        using var chunked = await alice.Http.SendAsync(Chunked(route, json, "big-2"));
        await ApiClient.ExpectProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");

        Assert.Equal(before, await RowCounts.ReadAsync(Stack.Postgres));
        await alice.GetAsync("/v1/idempotency-keys/big-1", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_json_document_over_its_content_limit_is_413_and_writes_nothing()
    {
        var alice = As("alice");
        var content = new string('x', 5 * 1024 * 1024 + 1);
        using var response = await alice.PostAsync("/v1/documents", $$"""{"name":"a.txt","contentType":"text/plain","content":"{{content}}"}""", key: "doc-big");
        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.All(await RowCounts.ReadAsync(Stack.Postgres), t => Assert.True(t.Value == 0, $"{t.Key}: {t.Value}"));
    }

    [Fact]
    public async Task Limits_are_configurable_per_route_and_multipart_uploads_have_their_own()
    {
        await using var api = new IntakeApiFactory(new Dictionary<string, string?>
        {
            ["Limits:JobBodyBytes"] = "512",
            ["Limits:DocumentJsonContentBytes"] = "1000",
            ["Limits:DocumentFileBytes"] = "2000",
        });
        using var http = api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("alice"));
        var alice = new ApiClient(http);
        var documentId = await alice.CreateDocumentAsync(new string('a', 1000));

        using (var json = await alice.PostAsync("/v1/documents", $$"""{"name":"a.txt","contentType":"text/plain","content":"{{new string('a', 1001)}}"}""", key: "j-1"))
        {
            var problem = await ApiClient.ExpectProblemAsync(json, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
            Assert.Contains("1000 bytes", problem.GetProperty("detail").GetString());
        }

        using (var file = await http.SendAsync(Multipart(new byte[2001], "m-1")))
        {
            var problem = await ApiClient.ExpectProblemAsync(file, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
            Assert.Contains("2000 bytes", problem.GetProperty("detail").GetString());
        }

        var job = Padded($$"""{"documentId":"{{documentId}}","pad":""}""", 513);
        using (var tooBig = await alice.PostAsync("/v1/jobs/process-document", job, key: "p-1"))
        {
            await ApiClient.ExpectProblemAsync(tooBig, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        }

        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM documents"));
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM idempotency_keys"));
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM jobs"));

        // At the limits, the same requests pass.
        using (var file = await http.SendAsync(Multipart(Encoding.ASCII.GetBytes(new string('b', 2000)), "m-2")))
        {
            await ApiClient.ExpectAsync(file, HttpStatusCode.Created);
        }

        using (var atLimit = await alice.PostAsync("/v1/jobs/process-document", Padded($$"""{"documentId":"{{documentId}}","pad":""}""", 512), key: "p-2"))
        {
            await ApiClient.ExpectAsync(atLimit, HttpStatusCode.Accepted);
        }
    }

    /// <summary>Grows the last (empty) string property of <paramref name="json"/> to exactly <paramref name="length"/> bytes.</summary>
    internal static string Padded(string json, int length)
    {
        Assert.EndsWith("\"\"}", json);
        return json[..^2] + new string('p', length - json.Length) + "\"}";
    }

    internal static HttpRequestMessage Chunked(string route, string json, string key)
    {
        var content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }

    private static HttpRequestMessage Multipart(byte[] file, string key)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(part, "file", "upload.txt");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/documents") { Content = form };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }
}
