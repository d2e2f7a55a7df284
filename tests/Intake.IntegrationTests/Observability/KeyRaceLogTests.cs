using System.Net;
using Intake.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Intake.IntegrationTests.Observability;

/// <summary>
/// A key race is answered, not failed: operators alerting on Error must not be paged by clients
/// retrying. EF Core logs every failed command at Error unless told otherwise.
/// </summary>
public sealed class KeyRaceLogTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task A_replay_after_a_unique_violation_and_a_409_after_a_lock_timeout_log_no_error()
    {
        var logs = new LogCapture();
        await using var api = Stack.Api.WithWebHostBuilder(web => web
            .UseSetting("Logging:LogLevel:Default", "Information")
            .UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Information")
            .ConfigureLogging(logging => logging.AddProvider(logs)));
        var alice = new ApiClient(api.CreateClient());
        alice.Http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("alice"));
        const string body = """{"name":"a.txt","contentType":"text/plain","content":"raced"}""";
        var fingerprint = UncommittedKey.DocumentFingerprint(body);

        await using var connection = new NpgsqlConnection(Stack.Postgres.ConnectionString);
        await connection.OpenAsync();

        // 1. The request waits on a concurrent first request's key, which then commits: its INSERT
        //    fails with a unique violation and it replays the first response.
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await UncommittedKey.ClaimAsync(transaction, "raced-key", fingerprint);
            var second = alice.PostAsync("/v1/documents", body, key: "raced-key");
            await WaitForALockWaitAsync();
            Assert.False(second.IsCompleted, "the request must wait on the uncommitted key");
            await transaction.CommitAsync();
            using var replayed = await second;
            Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
            Assert.True(replayed.Headers.Contains("Idempotency-Replayed"));
        }

        // 2. The concurrent first request outlasts the wait: lock timeout, 409.
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await UncommittedKey.ClaimAsync(transaction, "held-key", fingerprint);
            using var blocked = await alice.PostAsync("/v1/documents", body, key: "held-key");
            await ApiClient.ExpectProblemAsync(blocked, HttpStatusCode.Conflict, "idempotency-request-in-flight");
            await transaction.RollbackAsync();
        }

        var records = logs.Records;
        Assert.DoesNotContain(records, r => r.Level >= LogLevel.Error);

        Assert.Contains(records, r => r.Level == LogLevel.Information && r.Message.StartsWith("Lock wait ran out", StringComparison.Ordinal)
                                      && r.Message.Contains("lock timeout", StringComparison.Ordinal));

        // The key INSERT goes out in AddedRowsWriter's batch, not through SaveChanges, so EF logs
        // no failed command here; its CommandError and SaveChangesFailed downgrade still covers
        // what SaveChanges writes.
    }

    /// <summary>Until some session of the API waits on a row lock (the request reached its key INSERT).</summary>
    private async Task WaitForALockWaitAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await Stack.Postgres.ScalarAsync(
                   "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the request never waited on the key's lock");
            await Task.Delay(20);
        }
    }
}
