using System.Text.Json;
using Intake.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace Intake.Persistence.Inbox;

/// <summary>
/// What a long job (one that runs outside a transaction, under a lease) uses to report progress,
/// renew its lease, notice cancellation and save checkpoints. Every write is guarded by the lease
/// owner, so a worker that lost its lease cannot overwrite the new holder's state.
/// </summary>
public sealed class LongJobContext(
    IntakeDbContext db,
    TimeProvider clock,
    TimeSpan lease,
    Guid jobId,
    string owner,
    JobCheckpoint? resumeFrom)
{
    public Guid JobId => jobId;

    /// <summary>The last checkpoint saved by an earlier delivery of this job, if any.</summary>
    public JobCheckpoint? ResumeFrom => resumeFrom;

    /// <summary>
    /// Publishes progress and renews the lease. Throws <see cref="JobCancelledException"/> when the
    /// client cancelled, <see cref="LeaseLostException"/> when another delivery took the job over.
    /// </summary>
    public async Task ReportProgressAsync(object progress, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(progress, progress.GetType(), IntakeJson.Options);
        var leaseExpiresAt = clock.GetUtcNowForDatabase() + lease;
        var cancelRequested = await db.Database
            .SqlQuery<bool>($"""
                UPDATE jobs SET progress = {json}::jsonb, lease_expires_at = {leaseExpiresAt}
                WHERE id = {jobId} AND lease_owner = {owner} AND status = 'running'
                RETURNING cancel_requested AS "Value"
                """)
            .ToListAsync(cancellationToken);
        if (cancelRequested.Count == 0)
        {
            throw new LeaseLostException(jobId);
        }

        if (cancelRequested[0])
        {
            throw new JobCancelledException(jobId);
        }
    }

    /// <summary>Saves how far the job got, so a redelivery after a crash resumes from here.</summary>
    public async Task SaveCheckpointAsync(int step, byte[] state, object? metrics, CancellationToken cancellationToken)
    {
        var metricsJson = metrics is null ? null : JsonSerializer.Serialize(metrics, metrics.GetType(), IntakeJson.Options);
        var now = clock.GetUtcNowForDatabase();
        var saved = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO job_checkpoints (job_id, step, state, metrics, updated_at)
            SELECT {jobId}, {step}, {state}, {metricsJson}::jsonb, {now}
            WHERE EXISTS (SELECT 1 FROM jobs WHERE id = {jobId} AND lease_owner = {owner} AND status = 'running')
            ON CONFLICT (job_id) DO UPDATE
                SET step = EXCLUDED.step, state = EXCLUDED.state, metrics = EXCLUDED.metrics, updated_at = EXCLUDED.updated_at
            """,
            cancellationToken);
        if (saved == 0)
        {
            throw new LeaseLostException(jobId);
        }
    }
}
