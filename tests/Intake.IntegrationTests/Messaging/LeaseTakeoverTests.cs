using Intake.Contracts;
using Intake.IntegrationTests.Infrastructure;
using Intake.Persistence.Inbox;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.IntegrationTests.Messaging;

/// <summary>
/// A long job's delivery can lose its lease (it stalled past the lease, and another delivery took
/// the job over) and fail afterwards. Its failure is its own: it must reach the broker, but it
/// must not end the job that the other delivery is now running.
/// </summary>
public sealed class LeaseTakeoverTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    private const string OtherDelivery = "another-worker/1/another-message";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_delivery_that_lost_its_lease_and_then_fails_leaves_the_job_to_the_delivery_holding_it(bool finalAttempt)
    {
        var jobId = await InsertQueuedJobAsync("alice");
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => RunLongAttemptAsync(jobId, finalAttempt, async () =>
        {
            // While this delivery works, its lease runs out and another delivery claims the job.
            await Stack.Postgres.ScalarAsync(
                "UPDATE jobs SET lease_owner = $2, lease_expires_at = now() + interval '1 hour' WHERE id = $1 RETURNING 1",
                jobId, OtherDelivery);
            throw new InvalidOperationException("this delivery failed after losing its lease");
        }));
        Assert.Equal("this delivery failed after losing its lease", failure.Message);

        // The job is still the other delivery's: running, its lease, no error of ours on it.
        Assert.Equal(1, await Stack.Postgres.ScalarAsync(
            """
            SELECT count(*) FROM jobs
            WHERE id = $1 AND status = 'running' AND lease_owner = $2 AND completed_at IS NULL
              AND error_code IS NULL AND error_message IS NULL
            """,
            jobId, OtherDelivery));
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE job_id = $1", jobId));
    }

    [Fact]
    public async Task A_delivery_that_holds_its_lease_records_its_final_failure_on_the_job()
    {
        // The control: the same failure without a takeover ends the job as failed.
        var jobId = await InsertQueuedJobAsync("alice");
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunLongAttemptAsync(
            jobId, finalAttempt: true, () => throw new InvalidOperationException("this delivery failed")));

        Assert.Equal(1, await Stack.Postgres.ScalarAsync(
            """
            SELECT count(*) FROM jobs
            WHERE id = $1 AND status = 'failed' AND lease_owner IS NULL AND completed_at IS NOT NULL
              AND error_code = 'unexpected-error' AND error_message = 'this delivery failed'
            """,
            jobId));
    }

    /// <summary>One delivery of alice's job, run as a long job by the worker's own executor; <paramref name="work"/> is its work.</summary>
    private async Task RunLongAttemptAsync(Guid jobId, bool finalAttempt, Func<Task<Func<CancellationToken, Task<object>>>> work)
    {
        await using var scope = Stack.Worker.Services.CreateAsyncScope();
        var executor = scope.ServiceProvider.GetRequiredService<JobExecutor>();
        await executor.ExecuteLongAsync(
            new ProcessDocument(jobId, "alice", Guid.NewGuid(), ChunkSize: 200, ChunkOverlap: 0),
            consumer: nameof(LeaseTakeoverTests),
            messageId: Guid.NewGuid(),
            isFinalAttempt: finalAttempt,
            (_, _) => work(),
            CancellationToken.None);
    }

    /// <summary>A queued job with no outbox row, so no command for it reaches the broker: only the test runs it.</summary>
    private async Task<Guid> InsertQueuedJobAsync(string userId)
    {
        var jobId = Guid.CreateVersion7();
        await Stack.Postgres.ScalarAsync(
            """
            INSERT INTO jobs (id, user_id, type, status, attempts, request, created_at, cancel_requested)
            VALUES ($1, $2, 'process-document', 'queued', 0, '{}'::jsonb, now(), false)
            RETURNING 1
            """,
            jobId, userId);
        return jobId;
    }
}
