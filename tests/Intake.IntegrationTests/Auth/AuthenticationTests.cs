using System.Net;
using System.Net.Http.Headers;
using Intake.IntegrationTests.Infrastructure;

namespace Intake.IntegrationTests.Auth;

public sealed class AuthenticationTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    public static TheoryData<string, string?> BadTokens() => new()
    {
        { "missing", null },
        { "wrong signature", TestTokens.For("alice", signingKey: "another-signing-key-of-sufficient-length-000") },
        { "wrong issuer", TestTokens.For("alice", issuer: "someone-else") },
        { "wrong audience", TestTokens.For("alice", audience: "another-api") },
        { "expired", TestTokens.For("alice", expires: DateTime.UtcNow.AddMinutes(-5)) },
        { "alg none", UnsignedToken("alice") },
        { "garbage", "not-a-jwt" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Requests_without_a_valid_token_are_401_problems_and_write_nothing(string why, string? token)
    {
        var client = Stack.Api.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var api = new ApiClient(client);
        using var post = await api.PostAsync("/v1/documents", """{"name":"a","contentType":"text/plain","content":"x"}""", key: "auth-key");
        using var get = await client.GetAsync("/v1/jobs");

        await ApiClient.ExpectProblemAsync(post, HttpStatusCode.Unauthorized, "unauthorized");
        await ApiClient.ExpectProblemAsync(get, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.True(post.Headers.WwwAuthenticate.Count > 0, why);
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM idempotency_keys"));
    }

    [Fact]
    public async Task The_api_refuses_to_start_outside_development_without_a_signing_key()
    {
        await using var factory = new IntakeApiFactory(new Dictionary<string, string?> { ["Auth:SigningKey"] = "" });
        var failure = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains("Auth:SigningKey", failure.ToString());
    }

    [Fact]
    public async Task Readiness_reports_database_and_broker()
    {
        var client = Stack.Api.CreateClient();
        using var ready = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static string UnsignedToken(string userId)
    {
        static string Encode(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{Encode("""{"alg":"none","typ":"JWT"}""")}.{Encode($$"""{"sub":"{{userId}}","iss":"intake","aud":"intake-api","exp":{{exp}}}""")}.";
    }
}
