using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Intake.IntegrationTests.Infrastructure;

namespace Intake.IntegrationTests.Security;

/// <summary>An API with a one-token bucket: the second request in a row is refused.</summary>
public sealed class RateLimitingTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    private IntakeApiFactory _limited = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _limited = new IntakeApiFactory(new Dictionary<string, string?>
        {
            ["RateLimiting:TokenLimit"] = "1",
            ["RateLimiting:TokensPerPeriod"] = "1",
            ["RateLimiting:ReplenishmentPeriod"] = "00:00:01",
        });
    }

    public override async Task DisposeAsync()
    {
        await _limited.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_429_stores_nothing_under_its_key_and_the_same_key_then_creates_exactly_one_document()
    {
        var alice = Client("alice");
        var json = JsonSerializer.Serialize(new { name = "a.txt", contentType = "text/plain", content = "limited" });

        // Drain the bucket, then hit it empty with a keyed submission.
        using (var first = await alice.PostAsync("/v1/documents", json, key: "drain-key"))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var refused = await alice.PostAsync("/v1/documents", json, key: "limited-key");
        await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")));
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM idempotency_keys WHERE key = 'limited-key'"));
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM documents"));

        // After waiting as told, the same key is a first request, not a replay.
        await Task.Delay(TimeSpan.FromSeconds(retryAfter) + TimeSpan.FromMilliseconds(200));
        using var accepted = await alice.PostAsync("/v1/documents", json, key: "limited-key");
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.False(accepted.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM idempotency_keys WHERE key = 'limited-key'"));
        Assert.Equal(2, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM documents"));
    }

    [Fact]
    public async Task Each_user_has_their_own_bucket_and_health_is_never_limited()
    {
        var alice = Client("alice");
        var bob = Client("bob");
        using (await alice.Http.GetAsync("/v1/jobs"))
        {
        }

        using var aliceAgain = await alice.Http.GetAsync("/v1/jobs");
        Assert.Equal(HttpStatusCode.TooManyRequests, aliceAgain.StatusCode);
        using var bobFirst = await bob.Http.GetAsync("/v1/jobs");
        Assert.Equal(HttpStatusCode.OK, bobFirst.StatusCode);

        for (var i = 0; i < 5; i++)
        {
            using var live = await alice.Http.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
    }

    private ApiClient Client(string userId)
    {
        var http = _limited.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(userId));
        return new ApiClient(http);
    }
}
