using System.Net;
using Intake.IntegrationTests.Infrastructure;
using Npgsql;

namespace Intake.IntegrationTests.Idempotency;

public sealed class ConcurrencyTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task Fifty_concurrent_identical_requests_make_one_job_one_command_and_one_execution()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(40));
        var body = $$"""{"documentId":"{{documentId}}","chunkSize":300}""";

        using var start = new ManualResetEventSlim();
        var requests = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            using var response = await alice.PostAsync("/v1/jobs/process-document", body, key: "burst-key");
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Single(responses.Select(r => r.Body).Distinct());
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM jobs"));
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages"));

        var jobId = System.Text.Json.JsonDocument.Parse(responses[0].Body).RootElement.GetProperty("jobId").GetGuid();
        var job = await alice.WaitForJobAsync(jobId);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(1, job.GetProperty("attempts").GetInt32());
        Assert.Equal(1, Stack.Faults.ReachedCommit(jobId));
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM inbox_messages"));
    }

    [Fact]
    public async Task A_request_still_in_flight_after_the_wait_gets_409_with_retry_after_then_the_key_works()
    {
        var alice = As("alice");
        const string body = """{"name":"a.txt","contentType":"text/plain","content":"held"}""";

        // Another transaction holds an uncommitted claim on the key, as a slow first request would.
        await using var connection = new NpgsqlConnection(Stack.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await UncommittedKey.ClaimAsync(transaction, "held-key", UncommittedKey.NoRequest);

            var started = DateTime.UtcNow;
            using var blocked = await alice.PostAsync("/v1/documents", body, key: "held-key");
            var waited = DateTime.UtcNow - started;

            await ApiClient.ExpectProblemAsync(blocked, HttpStatusCode.Conflict, "idempotency-request-in-flight");
            Assert.True(blocked.Headers.RetryAfter is not null, "409 must carry Retry-After");
            Assert.True(waited >= TimeSpan.FromSeconds(1.5), $"the request should wait for the first one (waited {waited})");
            await transaction.RollbackAsync();
        }

        using var retried = await alice.PostAsync("/v1/documents", body, key: "held-key");
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM documents"));
    }

    [Fact]
    public async Task A_job_whose_key_cannot_be_claimed_leaves_no_job_and_no_outbox_row()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(10));

        // The job, its outbox row and its key go to the database as one batch without BEGIN:
        // PostgreSQL's implicit transaction must take the first two back when the key INSERT fails.
        await using var connection = new NpgsqlConnection(Stack.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await UncommittedKey.ClaimAsync(transaction, "held-job-key", UncommittedKey.NoRequest, "/v1/jobs/process-document", "process-document");

            using var blocked = await alice.PostAsync("/v1/jobs/process-document", $$"""{"documentId":"{{documentId}}"}""", key: "held-job-key");
            await ApiClient.ExpectProblemAsync(blocked, HttpStatusCode.Conflict, "idempotency-request-in-flight");
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM jobs"));
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages"));
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM idempotency_keys"));
    }

    [Fact]
    public async Task A_second_request_waits_for_the_first_to_commit_and_replays_it()
    {
        var alice = As("alice");
        const string body = """{"name":"a.txt","contentType":"text/plain","content":"slow first"}""";

        // The "first request" commits after 700 ms: the second must wait and then replay it.
        await using var connection = new NpgsqlConnection(Stack.Postgres.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await UncommittedKey.ClaimAsync(transaction, "slow-key", UncommittedKey.DocumentFingerprint(body));

        var second = alice.PostAsync("/v1/documents", body, key: "slow-key");
        await Task.Delay(700);
        Assert.False(second.IsCompleted, "the second request must wait for the first to commit");
        await transaction.CommitAsync();
        await transaction.DisposeAsync();

        using var response = await second;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("""{"first":true}""", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM documents"));
    }
}
