using System.Data.Common;
using System.Text.Json;
using Intake.Contracts;
using Intake.Persistence.Entities;
using Intake.Persistence.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Intake.Persistence.Inbox;

/// <summary>
/// Runs a job through the inbox. The job's effects, its inbox row keyed on (user, job, consumer)
/// and its `succeeded` status commit in one transaction; the primary key makes a second commit
/// impossible: a concurrent duplicate blocks on the first's uncommitted row and then finds it, and
/// a crash rolls everything back so the redelivery starts clean.
///
/// Short jobs run entirely inside that transaction. Long jobs (<see cref="ExecuteLongAsync"/>)
/// do their work outside it under a lease, with progress and checkpoints, and open the
/// transaction only to commit their effects.
/// </summary>
public sealed partial class JobExecutor(
    IntakeDbContext db,
    TimeProvider clock,
    IOptions<InboxOptions> options,
    IJobFaultInjector faults,
    ILogger<JobExecutor> logger)
{
    public async Task<JobExecutionOutcome> ExecuteAsync(
        IJobCommand command,
        string consumer,
        Guid? messageId,
        bool isFinalAttempt,
        Func<CancellationToken, Task<object>> handler,
        CancellationToken cancellationToken)
    {
        using var rowSecurity = RowSecurity.ForUser(command.UserId);
        if (!await MarkRunningAsync(command, owner: null, cancellationToken))
        {
            return await ExplainUnclaimableAsync(command, cancellationToken);
        }

        return await GuardAsync(command, isFinalAttempt, cancellationToken,
            () => CommitInInboxAsync(command, consumer, messageId, owner: null, handler, cancellationToken));
    }

    /// <param name="work">
    /// The long part, run outside any transaction; it returns the function that writes the job's
    /// effects, which runs inside the inbox transaction.
    /// </param>
    public async Task<JobExecutionOutcome> ExecuteLongAsync(
        IJobCommand command,
        string consumer,
        Guid? messageId,
        bool isFinalAttempt,
        Func<LongJobContext, CancellationToken, Task<Func<CancellationToken, Task<object>>>> work,
        CancellationToken cancellationToken)
    {
        using var rowSecurity = RowSecurity.ForUser(command.UserId);
        var owner = $"{Environment.MachineName}/{Environment.ProcessId}/{messageId ?? Guid.NewGuid()}";
        if (!await MarkRunningAsync(command, owner, cancellationToken))
        {
            return await ExplainUnclaimableAsync(command, cancellationToken);
        }

        return await GuardAsync(command, isFinalAttempt, cancellationToken, owner, async () =>
        {
            var checkpoint = await db.JobCheckpoints.AsNoTracking()
                .SingleOrDefaultAsync(c => c.JobId == command.JobId, cancellationToken);
            var context = new LongJobContext(db, clock, options.Value.Lease, command.JobId, owner, checkpoint);
            var writeEffects = await work(context, cancellationToken);
            return await CommitInInboxAsync(command, consumer, messageId, owner, writeEffects, cancellationToken);
        });
    }

    private Task<JobExecutionOutcome> GuardAsync(
        IJobCommand command, bool isFinalAttempt, CancellationToken cancellationToken, Func<Task<JobExecutionOutcome>> run) =>
        GuardAsync(command, isFinalAttempt, cancellationToken, leaseOwner: null, run);

    private async Task<JobExecutionOutcome> GuardAsync(
        IJobCommand command, bool isFinalAttempt, CancellationToken cancellationToken, string? leaseOwner, Func<Task<JobExecutionOutcome>> run)
    {
        try
        {
            return await run();
        }
        catch (JobCancelledException)
        {
            db.ChangeTracker.Clear();
            await MarkCancelledAsync(command);
            return JobExecutionOutcome.Cancelled;
        }
        catch (LeaseLostException)
        {
            // Another delivery owns the job now; this one leaves no trace and is acknowledged.
            db.ChangeTracker.Clear();
            LogLeaseLost(command.JobId);
            return JobExecutionOutcome.LeaseLost;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker is shutting down: nothing is recorded, the broker redelivers the command.
            // A long job hands its lease back, or the redelivery would stand aside until it expired.
            db.ChangeTracker.Clear();
            if (leaseOwner is not null)
            {
                await ReleaseLeaseAsync(command, leaseOwner);
            }

            throw;
        }
        catch (Exception exception)
        {
            db.ChangeTracker.Clear();
            var final = isFinalAttempt || exception is PermanentJobFailureException;
            await RecordFailureAsync(command, exception, final, leaseOwner);
            throw;
        }
    }

    /// <summary>
    /// Puts a long job this delivery holds back to `queued` (its checkpoint stays), so that the
    /// redelivery can claim it at once. Best effort on the way out: if the database cannot be
    /// reached the lease simply expires and the recovery sweep re-queues the job.
    /// </summary>
    private async Task ReleaseLeaseAsync(IJobCommand command, string owner)
    {
        try
        {
            var handedBack = await db.Jobs
                .Where(j => j.Id == command.JobId && j.Status == JobStatuses.Running && j.LeaseOwner == owner)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, JobStatuses.Queued)
                    .SetProperty(j => j.LeaseOwner, (string?)null)
                    .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), CancellationToken.None);
            if (handedBack == 0)
            {
                // Another delivery took the job over meanwhile, or this session could not see it:
                // either way the job is not back in the queue until its lease expires.
                LogLeaseNotHandedBack(command.JobId);
            }
        }
        catch (Exception exception) when (exception is DbException or TimeoutException or InvalidOperationException)
        {
            LogLeaseNotReleased(exception, command.JobId);
        }
    }

    /// <summary>
    /// Makes `running` visible (its own short transaction) and counts the attempt. A long job also
    /// takes the lease, unless another delivery holds a live one.
    /// </summary>
    private async Task<bool> MarkRunningAsync(IJobCommand command, string? owner, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNowForDatabase();
        var leaseExpiresAt = now + options.Value.Lease;
        var query = db.Jobs.Where(j => j.Id == command.JobId && j.UserId == command.UserId);
        query = owner is null
            ? query.Where(j => j.Status == JobStatuses.Queued || j.Status == JobStatuses.Running)
            : query.Where(j => j.Status == JobStatuses.Queued
                || (j.Status == JobStatuses.Running
                    && (j.LeaseExpiresAt == null || j.LeaseExpiresAt <= now || j.LeaseOwner == owner)));
        var updated = await query.ExecuteUpdateAsync(
            s => s
                .SetProperty(j => j.Status, JobStatuses.Running)
                .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                .SetProperty(j => j.StartedAt, j => j.StartedAt ?? now)
                .SetProperty(j => j.LeaseExpiresAt, leaseExpiresAt)
                .SetProperty(j => j.LeaseOwner, owner),
            cancellationToken);
        return updated == 1;
    }

    private async Task<JobExecutionOutcome> ExplainUnclaimableAsync(IJobCommand command, CancellationToken cancellationToken)
    {
        var status = await db.Jobs
            .Where(j => j.Id == command.JobId && j.UserId == command.UserId)
            .Select(j => j.Status)
            .SingleOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            // A command for a job that does not exist is poison: it must not block the queue.
            throw new PermanentJobFailureException("job-not-found", $"Job {command.JobId} does not exist for its user.");
        }

        if (status == JobStatuses.Running)
        {
            // The holder's own delivery stays unacknowledged until it commits, and an abandoned
            // lease is recovered by ExpiredLeaseRecovery, so this duplicate can stand aside.
            LogLeaseHeldElsewhere(command.JobId);
            return JobExecutionOutcome.LeaseHeldElsewhere;
        }

        // Succeeded and cancelled jobs are never run again; failed jobs only by an explicit retry.
        LogAlreadyFinished(command.JobId, status);
        return JobExecutionOutcome.AlreadyFinished;
    }

    private async Task<JobExecutionOutcome> CommitInInboxAsync(
        IJobCommand command,
        string consumer,
        Guid? messageId,
        string? owner,
        Func<CancellationToken, Task<object>> writeEffects,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNowForDatabase();

        var claimed = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO inbox_messages (user_id, job_id, consumer, message_id, processed_at)
            VALUES ({command.UserId}, {command.JobId}, {consumer}, {messageId}, {now})
            ON CONFLICT DO NOTHING
            """,
            cancellationToken);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            LogDuplicateSuppressed(command.JobId, consumer, messageId);
            return JobExecutionOutcome.Duplicate;
        }

        var result = await writeEffects(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await faults.BeforeCommitAsync(command, cancellationToken);

        var resultJson = JsonSerializer.Serialize(result, result.GetType(), IntakeJson.Options);
        var completedAt = clock.GetUtcNowForDatabase();
        var finishing = db.Jobs.Where(j => j.Id == command.JobId && !j.CancelRequested);
        if (owner is not null)
        {
            finishing = finishing.Where(j => j.LeaseOwner == owner);
        }

        var finished = await finishing.ExecuteUpdateAsync(
            s => s
                .SetProperty(j => j.Status, JobStatuses.Succeeded)
                .SetProperty(j => j.Result, resultJson)
                .SetProperty(j => j.ErrorCode, (string?)null)
                .SetProperty(j => j.ErrorMessage, (string?)null)
                .SetProperty(j => j.CompletedAt, completedAt)
                .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(j => j.LeaseOwner, (string?)null),
            cancellationToken);
        if (finished == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            var cancelRequested = await db.Jobs.Where(j => j.Id == command.JobId)
                .Select(j => j.CancelRequested).SingleAsync(cancellationToken);
            throw cancelRequested ? new JobCancelledException(command.JobId) : new LeaseLostException(command.JobId);
        }

        await db.JobCheckpoints.Where(c => c.JobId == command.JobId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return JobExecutionOutcome.Completed;
    }

    private async Task MarkCancelledAsync(IJobCommand command)
    {
        var now = clock.GetUtcNowForDatabase();

        // Not cancellable: the outcome must be written even when the consumer is being stopped.
        await db.Jobs
            .Where(j => j.Id == command.JobId && (j.Status == JobStatuses.Queued || j.Status == JobStatuses.Running))
            .ExecuteUpdateAsync(
                s => s
                    .SetProperty(j => j.Status, JobStatuses.Cancelled)
                    .SetProperty(j => j.CompletedAt, now)
                    .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(j => j.LeaseOwner, (string?)null),
                CancellationToken.None);
        await db.JobCheckpoints.Where(c => c.JobId == command.JobId).ExecuteDeleteAsync(CancellationToken.None);
        LogCancelled(command.JobId);
    }

    /// <summary>
    /// Records the error on the job in its own transaction (the job's own one has rolled back).
    /// Not the last attempt: the job stays running and the retry policy runs it again.
    /// A long job's failure is recorded only while this delivery still holds the lease: if its
    /// lease expired and another delivery took the job over, that delivery's run is the job's,
    /// and this one's failure (still thrown, so the broker sees it) must not end it.
    /// </summary>
    private async Task RecordFailureAsync(IJobCommand command, Exception exception, bool final, string? leaseOwner)
    {
        var code = exception is PermanentJobFailureException permanent ? permanent.Code : "unexpected-error";
        var message = exception.Message.Length <= 2000 ? exception.Message : exception.Message[..2000];
        var now = clock.GetUtcNowForDatabase();
        var query = db.Jobs.Where(j => j.Id == command.JobId && j.UserId == command.UserId
            && (j.Status == JobStatuses.Queued || j.Status == JobStatuses.Running));
        if (leaseOwner is not null)
        {
            query = query.Where(j => j.LeaseOwner == leaseOwner);
        }

        // Not cancellable: the outcome must be written even when the consumer is being stopped.
        int recorded;
        if (final)
        {
            recorded = await query.ExecuteUpdateAsync(
                s => s
                    .SetProperty(j => j.Status, JobStatuses.Failed)
                    .SetProperty(j => j.ErrorCode, code)
                    .SetProperty(j => j.ErrorMessage, message)
                    .SetProperty(j => j.CompletedAt, now)
                    .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(j => j.LeaseOwner, (string?)null),
                CancellationToken.None);
        }
        else
        {
            recorded = await query.ExecuteUpdateAsync(
                s => s
                    .SetProperty(j => j.ErrorCode, code)
                    .SetProperty(j => j.ErrorMessage, message),
                CancellationToken.None);
        }

        LogAttemptFailed(exception, command.JobId, code, final);
        if (recorded == 0)
        {
            LogFailureNotRecorded(command.JobId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} is already {Status}; delivery acknowledged without running it")]
    private partial void LogAlreadyFinished(Guid jobId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} runs under another worker's live lease; this delivery stands aside")]
    private partial void LogLeaseHeldElsewhere(Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand back the lease on job {JobId} while shutting down; it is recovered when the lease expires")]
    private partial void LogLeaseNotReleased(Exception exception, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handing back the lease on job {JobId} while shutting down changed no row; it is recovered when the lease expires")]
    private partial void LogLeaseNotHandedBack(Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease on job {JobId} to another delivery; stopped without effects")]
    private partial void LogLeaseLost(Guid jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} cancelled")]
    private partial void LogCancelled(Guid jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate delivery of job {JobId} to {Consumer} suppressed by the inbox (message {MessageId})")]
    private partial void LogDuplicateSuppressed(Guid jobId, string consumer, Guid? messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} attempt failed with {ErrorCode}; final: {Final}")]
    private partial void LogAttemptFailed(Exception exception, Guid jobId, string errorCode, bool final);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: the failed attempt was not recorded on the job, which has finished or is now held by another delivery")]
    private partial void LogFailureNotRecorded(Guid jobId);
}
