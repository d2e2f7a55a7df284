using System.Net;
using System.Net.Http.Headers;
using Intake.IntegrationTests.Infrastructure;

namespace Intake.IntegrationTests.Idempotency;

public sealed class RequiredKeyTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task With_RequireKey_a_submission_without_a_key_is_400()
    {
        await using var strict = new IntakeApiFactory(new Dictionary<string, string?> { ["Idempotency:RequireKey"] = "true" });
        var client = new ApiClient(strict.CreateClient());
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("alice"));
        const string body = """{"name":"a.txt","contentType":"text/plain","content":"x"}""";

        using var keyless = await client.PostAsync("/v1/documents", body);
        using var keyed = await client.PostAsync("/v1/documents", body, key: "strict-key");

        await ApiClient.ExpectProblemAsync(keyless, HttpStatusCode.BadRequest, "idempotency-key-required");
        Assert.Equal(HttpStatusCode.Created, keyed.StatusCode);
    }
}
