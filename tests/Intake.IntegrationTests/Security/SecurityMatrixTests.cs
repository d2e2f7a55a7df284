using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Intake.IntegrationTests.Infrastructure;

namespace Intake.IntegrationTests.Security;

/// <summary>Every /v1 route against every bad credential, and against another user's resources.</summary>
public sealed class SecurityMatrixTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    private const string SampleBody = """{"prompt":"Intake","maxTokens":5}""";

    [Fact]
    public async Task Every_v1_route_refuses_every_bad_credential_with_401_and_writes_nothing()
    {
        var routes = V1Route.All(Stack);
        Assert.True(routes.Count >= 15, $"Expected every /v1 route, found only: {string.Join(", ", routes)}");
        using var http = Stack.Api.CreateClient();
        var refusedKeys = 0;

        foreach (var route in routes)
        {
            foreach (var (kind, token) in BadTokens.All("alice"))
            {
                var path = route.PathWith(_ => Guid.NewGuid().ToString());
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                if (route.Method == "POST")
                {
                    request.Content = new StringContent(SampleBody, Encoding.UTF8, "application/json");
                    request.Headers.TryAddWithoutValidation("Idempotency-Key", $"matrix-{refusedKeys++}");
                }

                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{route} with {kind}: {(int)response.StatusCode} {body}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("urn:intake:problem:unauthorized", body);
            }
        }

        Assert.All(await RowCounts.ReadAsync(Stack.Postgres), table => Assert.True(table.Value == 0, $"{table.Key} has {table.Value} rows"));
    }

    [Fact]
    public async Task Every_v1_route_that_names_a_resource_hides_another_users_resource_as_404()
    {
        var resources = await AliceResources.CreateAsync(As("alice"));
        var mallory = As("mallory");
        var before = await RowCounts.ReadAsync(Stack.Postgres);

        var routesWithResource = V1Route.All(Stack).Where(r => r.Parameters.Count > 0).ToList();
        Assert.NotEmpty(routesWithResource);
        foreach (var route in routesWithResource)
        {
            var unknown = route.Parameters.Where(p => !resources.ContainsKey(p)).ToList();
            Assert.True(unknown.Count == 0, $"{route} takes {string.Join(", ", unknown)}: add a resource for it to {nameof(AliceResources)}.");

            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.PathWith(p => resources[p]));
            if (route.Method == "POST")
            {
                request.Content = new StringContent(SampleBody, Encoding.UTF8, "application/json");
            }

            using var response = await mallory.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{route} as another user: {(int)response.StatusCode} {body}");
            Assert.Contains("urn:intake:problem:not-found", body);
        }

        // Mallory's attempts (retry, cancel, sample) changed nothing of Alice's.
        Assert.Equal(before, await RowCounts.ReadAsync(Stack.Postgres));
    }
}
