using System.Net;
using System.Text;
using System.Text.Json;

namespace Intake.IntegrationTests.Infrastructure;

/// <summary>A user's HTTP client with the calls the tests make over and over.</summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<HttpResponseMessage> PostAsync(string path, string json, string? key = null, string? legacyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        if (legacyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Idempotency-Key", legacyKey);
        }

        return await http.SendAsync(request);
    }

    public async Task<Guid> CreateDocumentAsync(string content, string name = "doc.txt", string contentType = "text/plain", string? key = null)
    {
        var json = JsonSerializer.Serialize(new { name, contentType, content });
        using var response = await PostAsync("/v1/documents", json, key);
        var body = await ExpectAsync(response, HttpStatusCode.Created);
        return body.GetProperty("documentId").GetGuid();
    }

    public async Task<Guid> SubmitJobAsync(string type, object request, string? key = null)
    {
        using var response = await PostAsync($"/v1/jobs/{type}", JsonSerializer.Serialize(request), key);
        var body = await ExpectAsync(response, HttpStatusCode.Accepted);
        return body.GetProperty("jobId").GetGuid();
    }

    public async Task<JsonElement> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await http.GetAsync(path);
        return await ExpectAsync(response, expected);
    }

    /// <summary>Polls the job until it succeeds or fails; fails the test if it does neither in time.</summary>
    public async Task<JsonElement> WaitForJobAsync(Guid jobId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var job = await GetAsync($"/v1/jobs/{jobId}");
            var status = job.GetProperty("status").GetString();
            if (status is "succeeded" or "failed")
            {
                return job;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId} is still {status}: {job}");
            }

            await Task.Delay(50);
        }
    }

    public static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with the given status and a type ending in the slug.</summary>
    public static async Task<JsonElement> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string typeSlug)
    {
        var body = await ExpectAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(typeSlug, body.GetProperty("type").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        return body;
    }
}
