using System.Text.Json;
using Intake.Contracts;
using Intake.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Intake.Persistence.Inbox;

/// <summary>
/// Runs a job's handler through the inbox. In one transaction it inserts the inbox row keyed on
/// (user, job, consumer), runs the handler (which writes the job's effects through the same
/// DbContext), and marks the job succeeded. The primary key makes a second commit impossible:
/// a concurrent duplicate blocks on the first's uncommitted row and then finds it; a crash rolls
/// everything back, so the redelivery starts clean.
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
        if (!await MarkRunningAsync(command, cancellationToken))
        {
            return await ExplainUnclaimableAsync(command, cancellationToken);
        }

        try
        {
            return await RunInInboxTransactionAsync(command, consumer, messageId, handler, cancellationToken);
        }
        catch (Exception exception)
        {
            db.ChangeTracker.Clear();
            var final = isFinalAttempt || exception is PermanentJobFailureException;
            await RecordFailureAsync(command, exception, final);
            throw;
        }
    }

    /// <summary>Makes `running` visible (its own short transaction) and counts the attempt.</summary>
    private async Task<bool> MarkRunningAsync(IJobCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNowForDatabase();
        var leaseExpiresAt = now + options.Value.Lease;
        var updated = await db.Jobs
            .Where(j => j.Id == command.JobId && j.UserId == command.UserId
                && (j.Status == JobStatuses.Queued || j.Status == JobStatuses.Running))
            .ExecuteUpdateAsync(
                s => s
                    .SetProperty(j => j.Status, JobStatuses.Running)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.StartedAt, j => j.StartedAt ?? now)
                    .SetProperty(j => j.LeaseExpiresAt, leaseExpiresAt),
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

        // Succeeded jobs are never run again; failed jobs are re-run only by an explicit retry.
        LogAlreadyFinished(command.JobId, status);
        return JobExecutionOutcome.AlreadyFinished;
    }

    private async Task<JobExecutionOutcome> RunInInboxTransactionAsync(
        IJobCommand command,
        string consumer,
        Guid? messageId,
        Func<CancellationToken, Task<object>> handler,
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

        var result = await handler(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await faults.BeforeCommitAsync(command, cancellationToken);

        var resultJson = JsonSerializer.Serialize(result, result.GetType(), IntakeJson.Options);
        var completedAt = clock.GetUtcNowForDatabase();
        await db.Jobs
            .Where(j => j.Id == command.JobId)
            .ExecuteUpdateAsync(
                s => s
                    .SetProperty(j => j.Status, JobStatuses.Succeeded)
                    .SetProperty(j => j.Result, resultJson)
                    .SetProperty(j => j.ErrorCode, (string?)null)
                    .SetProperty(j => j.ErrorMessage, (string?)null)
                    .SetProperty(j => j.CompletedAt, completedAt)
                    .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null),
                cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return JobExecutionOutcome.Completed;
    }

    /// <summary>
    /// Records the error on the job in its own transaction (the job's own one has rolled back).
    /// Not the last attempt: the job stays running and the retry policy runs it again.
    /// </summary>
    private async Task RecordFailureAsync(IJobCommand command, Exception exception, bool final)
    {
        var code = exception is PermanentJobFailureException permanent ? permanent.Code : "unexpected-error";
        var message = exception.Message.Length <= 2000 ? exception.Message : exception.Message[..2000];
        var now = clock.GetUtcNowForDatabase();
        var query = db.Jobs.Where(j => j.Id == command.JobId && j.UserId == command.UserId
            && j.Status != JobStatuses.Succeeded);

        // Not cancellable: the outcome must be written even when the consumer is being stopped.
        if (final)
        {
            await query.ExecuteUpdateAsync(
                s => s
                    .SetProperty(j => j.Status, JobStatuses.Failed)
                    .SetProperty(j => j.ErrorCode, code)
                    .SetProperty(j => j.ErrorMessage, message)
                    .SetProperty(j => j.CompletedAt, now)
                    .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null),
                CancellationToken.None);
        }
        else
        {
            await query.ExecuteUpdateAsync(
                s => s
                    .SetProperty(j => j.ErrorCode, code)
                    .SetProperty(j => j.ErrorMessage, message),
                CancellationToken.None);
        }

        LogAttemptFailed(exception, command.JobId, code, final);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} is already {Status}; delivery acknowledged without running it")]
    private partial void LogAlreadyFinished(Guid jobId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate delivery of job {JobId} to {Consumer} suppressed by the inbox (message {MessageId})")]
    private partial void LogDuplicateSuppressed(Guid jobId, string consumer, Guid? messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} attempt failed with {ErrorCode}; final: {Final}")]
    private partial void LogAttemptFailed(Exception exception, Guid jobId, string errorCode, bool final);
}
