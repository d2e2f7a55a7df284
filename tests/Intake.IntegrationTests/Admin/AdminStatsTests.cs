using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Intake.Api.Admin;
using Intake.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Intake.IntegrationTests.Admin;

public sealed class AdminStatsTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    private const string Stats = "/v1/admin/stats";

    public override async Task InitializeAsync()
    {
        // Replays counted by earlier tests must not be flushed into this test's empty tables.
        await Stack.Api.Services.GetRequiredService<IdempotencyOutcomeFlusher>().FlushAsync(CancellationToken.None);
        await base.InitializeAsync();
    }

    [Fact]
    public async Task Stats_need_a_token_with_the_admin_role()
    {
        using var anonymous = Stack.Api.CreateClient();
        using var none = await anonymous.GetAsync(Stats);
        await ApiClient.ExpectProblemAsync(none, HttpStatusCode.Unauthorized, "urn:intake:problem:unauthorized");

        using var user = await As("alice").Http.GetAsync(Stats);
        await ApiClient.ExpectProblemAsync(user, HttpStatusCode.Forbidden, "urn:intake:problem:forbidden");

        using var otherRole = await Admin("carol", role: "auditor").GetAsync(Stats);
        await ApiClient.ExpectProblemAsync(otherRole, HttpStatusCode.Forbidden, "urn:intake:problem:forbidden");

        using var admin = await Admin("root").GetAsync(Stats);
        await ApiClient.ExpectAsync(admin, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Stats_count_keys_by_state_and_type_and_the_replays_and_mismatches_made()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(5), key: "doc-1");
        var document = JsonSerializer.Serialize(new { name = "doc.txt", contentType = "text/plain", content = TestText.Prose(5) });
        await Expect(alice.PostAsync("/v1/documents", document, "doc-1"), HttpStatusCode.Created);
        await Expect(alice.PostAsync("/v1/documents", document, "doc-1"), HttpStatusCode.Created);
        await Expect(alice.PostAsync("/v1/documents", """{"name":"x.txt","contentType":"text/plain","content":"other"}""", "doc-1"), HttpStatusCode.UnprocessableEntity);

        var process = $$"""{"documentId":"{{documentId}}","chunkSize":300}""";
        await Expect(alice.PostAsync("/v1/jobs/process-document", process, "proc-1"), HttpStatusCode.Accepted);
        await Expect(alice.PostAsync("/v1/jobs/process-document", process, "proc-1"), HttpStatusCode.Accepted);
        await Expect(alice.PostAsync("/v1/jobs/process-document", $$"""{"documentId":"{{documentId}}","chunkSize":400}""", "proc-1"), HttpStatusCode.UnprocessableEntity);

        // A 422 that is not a key mismatch, and a request without a key, count as neither.
        await Expect(alice.PostAsync("/v1/jobs/start-training", $$"""{"datasetId":"{{Guid.NewGuid()}}"}""", "train-1"), HttpStatusCode.UnprocessableEntity);
        await Expect(alice.PostAsync("/v1/jobs/process-document", process), HttpStatusCode.Accepted);

        // An expired key that the sweep has not removed yet.
        await Stack.Postgres.ScalarAsync(
            """
            INSERT INTO idempotency_keys (user_id, key, fingerprint, request_method, request_path, resource_type,
                resource_id, response_status, response_location, response_body, created_at, expires_at)
            VALUES ('bob', 'old-key', repeat('0', 64), 'POST', '/v1/jobs/start-training', 'start-training',
                gen_random_uuid(), 202, NULL, '\x7b7d', now() - interval '2 days', now() - interval '1 day')
            """);

        var stats = await GetStatsAsync();
        var keys = stats.GetProperty("keys");
        Assert.Equal(2, keys.GetProperty("live").GetInt64());
        Assert.Equal(1, keys.GetProperty("expired").GetInt64());
        Assert.Equal(1, keys.GetProperty("byType").GetProperty("document").GetProperty("live").GetInt64());
        Assert.Equal(1, keys.GetProperty("byType").GetProperty("process-document").GetProperty("live").GetInt64());
        Assert.Equal(1, keys.GetProperty("byType").GetProperty("start-training").GetProperty("expired").GetInt64());
        Assert.Equal(0, keys.GetProperty("byType").GetProperty("start-training").GetProperty("live").GetInt64());

        var outcomes = stats.GetProperty("outcomes");
        Assert.Equal(3, outcomes.GetProperty("replayed").GetInt64());
        Assert.Equal(2, outcomes.GetProperty("mismatched").GetInt64());
        Assert.Equal(2, outcomes.GetProperty("byType").GetProperty("document").GetProperty("replayed").GetInt64());
        Assert.Equal(1, outcomes.GetProperty("byType").GetProperty("document").GetProperty("mismatched").GetInt64());
        Assert.Equal(1, outcomes.GetProperty("byType").GetProperty("process-document").GetProperty("replayed").GetInt64());
        Assert.Equal(1, outcomes.GetProperty("byType").GetProperty("process-document").GetProperty("mismatched").GetInt64());
        Assert.False(outcomes.GetProperty("byType").TryGetProperty("start-training", out _));

        // The view itself says the same (the endpoint flushed this instance's counts into it).
        Assert.Equal(3, await Stack.Postgres.ScalarAsync("SELECT sum(value) FROM v_idempotency_stats WHERE metric = 'outcomes' AND state = 'replayed'"));
        Assert.Equal(2, await Stack.Postgres.ScalarAsync("SELECT sum(value) FROM v_idempotency_stats WHERE metric = 'outcomes' AND state = 'mismatched'"));
        Assert.Equal(3, await Stack.Postgres.ScalarAsync("SELECT sum(value) FROM v_idempotency_stats WHERE metric = 'keys'"));
    }

    [Fact]
    public async Task Counts_reach_the_table_by_the_timer_without_a_stats_call_and_on_shutdown()
    {
        var periodic = new IntakeApiFactory(new Dictionary<string, string?> { ["Admin:OutcomeFlushInterval"] = "00:00:00.200" });
        await using (periodic)
        {
            var alice = ClientOf(periodic, "alice");
            var body = """{"name":"a.txt","contentType":"text/plain","content":"flushed by the timer"}""";
            await Expect(alice.PostAsync("/v1/documents", body, "timer-1"), HttpStatusCode.Created);
            await Expect(alice.PostAsync("/v1/documents", body, "timer-1"), HttpStatusCode.Created);

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (await ReplayedInTableAsync() < 1 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.Equal(1, await ReplayedInTableAsync());
        }

        var onShutdown = new IntakeApiFactory(new Dictionary<string, string?> { ["Admin:OutcomeFlushInterval"] = "01:00:00" });
        await using (onShutdown)
        {
            var alice = ClientOf(onShutdown, "alice");
            var body = """{"name":"b.txt","contentType":"text/plain","content":"flushed on shutdown"}""";
            await Expect(alice.PostAsync("/v1/documents", body, "shutdown-1"), HttpStatusCode.Created);
            await Expect(alice.PostAsync("/v1/documents", body, "shutdown-1"), HttpStatusCode.Created);
            await Task.Delay(300);
            Assert.Equal(1, await ReplayedInTableAsync());
        }

        Assert.Equal(2, await ReplayedInTableAsync());
    }

    [Fact]
    public async Task The_oldest_in_flight_request_is_an_open_transaction_on_the_keys_table_and_goes_when_it_ends()
    {
        var idle = (await GetStatsAsync()).GetProperty("inFlight");
        Assert.Equal(0, idle.GetProperty("count").GetInt64());
        Assert.Equal(JsonValueKind.Null, idle.GetProperty("oldestStartedAt").ValueKind);

        // A first request holding its uncommitted key row, as a slow submission does: as the app
        // role with alice set, like the API (pg_stat_activity shows a session's xact_start only to
        // its own role, and every API session is the app role).
        await using var connection = new NpgsqlConnection(TestEnvironment.AppConnectionString);
        await connection.OpenAsync();
        await using (var identify = new NpgsqlCommand("SELECT set_config('intake.user_id', 'alice', false)", connection))
        {
            await identify.ExecuteScalarAsync();
        }

        var transaction = await connection.BeginTransactionAsync();
        await using (var claim = new NpgsqlCommand(
            """
            INSERT INTO idempotency_keys (user_id, key, fingerprint, request_method, request_path, resource_type,
                resource_id, response_status, response_location, response_body, created_at, expires_at)
            VALUES ('alice', 'held-key', repeat('0', 64), 'POST', '/v1/documents', 'document',
                gen_random_uuid(), 201, NULL, '\x7b7d', now(), now() + interval '1 hour')
            """, connection, transaction))
        {
            await claim.ExecuteNonQueryAsync();
        }

        DateTimeOffset heldSince;
        await using (var started = new NpgsqlCommand("SELECT xact_start FROM pg_stat_activity WHERE pid = pg_backend_pid()", connection, transaction))
        {
            heldSince = new DateTimeOffset(DateTime.SpecifyKind((DateTime)(await started.ExecuteScalarAsync())!, DateTimeKind.Utc));
        }

        await Task.Delay(300);
        var held = (await GetStatsAsync()).GetProperty("inFlight");
        Assert.Equal(1, held.GetProperty("count").GetInt64());
        Assert.Equal(heldSince, held.GetProperty("oldestStartedAt").GetDateTimeOffset());
        Assert.True(held.GetProperty("oldestAgeSeconds").GetDouble() >= 0.3, held.ToString());

        // A second request with the same key waits on that row: it is in flight too, and the
        // held one is still the oldest.
        var body = """{"name":"a.txt","contentType":"text/plain","content":"second"}""";
        var second = As("alice").PostAsync("/v1/documents", body, "held-key");
        JsonElement both = default;
        var deadline = DateTime.UtcNow.AddSeconds(1.5);
        while (DateTime.UtcNow < deadline)
        {
            both = (await GetStatsAsync()).GetProperty("inFlight");
            if (both.GetProperty("count").GetInt64() == 2)
            {
                break;
            }

            await Task.Delay(20);
        }

        Assert.Equal(2, both.GetProperty("count").GetInt64());
        Assert.Equal(heldSince, both.GetProperty("oldestStartedAt").GetDateTimeOffset());

        await transaction.RollbackAsync();
        await transaction.DisposeAsync();
        using (var response = await second)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var after = (await GetStatsAsync()).GetProperty("inFlight");
        Assert.Equal(0, after.GetProperty("count").GetInt64());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("oldestStartedAt").ValueKind);
    }

    private HttpClient Admin(string userId, string role = "admin")
    {
        var client = Stack.Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminTokens.For(userId, role));
        return client;
    }

    private static ApiClient ClientOf(IntakeApiFactory factory, string userId)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(userId));
        return new ApiClient(client);
    }

    private async Task<JsonElement> GetStatsAsync()
    {
        using var admin = Admin("root");
        using var response = await admin.GetAsync(Stats);
        return await ApiClient.ExpectAsync(response, HttpStatusCode.OK);
    }

    private Task<long> ReplayedInTableAsync() =>
        Stack.Postgres.ScalarAsync("SELECT coalesce(sum(count), 0) FROM idempotency_outcome_counts WHERE outcome = 'replayed'");

    private static async Task Expect(Task<HttpResponseMessage> send, HttpStatusCode status)
    {
        using var response = await send;
        await ApiClient.ExpectAsync(response, status);
    }
}
