using Intake.Persistence.Entities;
using Intake.Persistence.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Intake.Persistence.Inbox;

/// <summary>
/// Finds running jobs whose lease expired (their worker died or hung without the broker noticing)
/// and makes them runnable again: back to `queued` with their command sent again through the
/// outbox (or `cancelled`, if the client asked for that meanwhile). Rows are claimed with
/// FOR UPDATE SKIP LOCKED, so every worker can run this safely at once.
/// </summary>
public sealed partial class ExpiredLeaseRecovery(
    IServiceScopeFactory scopeFactory,
    IOptions<InboxOptions> options,
    TimeProvider clock,
    ILogger<ExpiredLeaseRecovery> logger) : PeriodicSweep(scopeFactory, clock, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override Task SweepOnceAsync(CancellationToken cancellationToken) => RecoverAsync(cancellationToken);

    /// <summary>Recovers one batch; returns how many jobs it re-queued or cancelled.</summary>
    public Task<int> RecoverAsync(CancellationToken cancellationToken) => InSystemTransactionAsync(async (db, now) =>
    {
        // The claim picks ids and EF loads the rows by name: a prepared SELECT * would fail after
        // a migration adds a column to jobs while this version still runs (a rolling deploy).
        var claimed = await db.Database.SqlQuery<Guid>($"""
            SELECT id AS "Value" FROM jobs
            WHERE status = 'running' AND lease_expires_at < {now}
            ORDER BY lease_expires_at
            LIMIT 100
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        // Loaded in a statement of its own, after the locks are held: read in the claim's statement,
        // a row shows that statement's snapshot, and a cancel request committed between the
        // snapshot and the lock would be missed (the job re-queued instead of cancelled).
        var expired = await db.Jobs.Where(j => claimed.Contains(j.Id)).OrderBy(j => j.LeaseExpiresAt).ToListAsync(cancellationToken);

        foreach (var job in expired)
        {
            job.LeaseExpiresAt = null;
            job.LeaseOwner = null;
            if (job.CancelRequested)
            {
                job.Status = JobStatuses.Cancelled;
                job.CompletedAt = now;
                continue;
            }

            job.Status = JobStatuses.Queued;
            db.AddOutboxResend(job, now);
            LogRecovered(job.Id, job.Type, job.Attempts);
        }

        return expired.Count;
    }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} ({JobType}) lost its worker after {Attempts} attempts; re-queued")]
    private partial void LogRecovered(Guid jobId, string jobType, int attempts);
}
