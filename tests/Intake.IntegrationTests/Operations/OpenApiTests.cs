using System.Net;
using System.Text.Json;
using Intake.IntegrationTests.Infrastructure;
using Intake.IntegrationTests.Security;

namespace Intake.IntegrationTests.Operations;

public sealed class OpenApiTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task The_document_lists_every_v1_route_with_bearer_auth_and_its_problem_responses()
    {
        using var http = Stack.Api.CreateClient();
        var document = await ApiClient.ExpectAsync(await http.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());

        var paths = document.GetProperty("paths");
        foreach (var route in V1Route.All(Stack))
        {
            Assert.True(paths.TryGetProperty(route.Template, out var path), $"{route.Template} is missing from /openapi/v1.json");
            Assert.True(path.TryGetProperty(route.Method.ToLowerInvariant(), out var operation), $"{route} is missing");
            Assert.True(operation.TryGetProperty("security", out _), $"{route} has no security requirement");
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("401", out _), $"{route} does not describe 401");
            Assert.True(responses.TryGetProperty("429", out _), $"{route} does not describe 429");
            if (route.Parameters.Count > 0)
            {
                Assert.True(responses.TryGetProperty("404", out _), $"{route} does not describe 404");
            }
        }
    }

    [Fact]
    public async Task Submissions_describe_the_idempotency_headers()
    {
        using var http = Stack.Api.CreateClient();
        var document = await ApiClient.ExpectAsync(await http.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var submit = document.GetProperty("paths").GetProperty("/v1/jobs/process-document").GetProperty("post");

        var headers = submit.GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "header")
            .Select(p => p.GetProperty("name").GetString())
            .ToList();
        Assert.Contains("Idempotency-Key", headers);
        Assert.Contains("X-Idempotency-Key", headers);
        Assert.True(submit.GetProperty("responses").GetProperty("202").GetProperty("headers").TryGetProperty("Idempotency-Replayed", out _));
        foreach (var status in new[] { "400", "409", "413", "415", "422" })
        {
            Assert.True(submit.GetProperty("responses").TryGetProperty(status, out _), $"process-document does not describe {status}");
        }
    }

    [Fact]
    public async Task The_reference_page_is_served_anonymously()
    {
        using var http = Stack.Api.CreateClient();
        using var response = await http.GetAsync("/docs");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
    }
}
