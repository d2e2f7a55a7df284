using System.Runtime.CompilerServices;
using Intake.Persistence.Entities;
using Intake.Persistence.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Intake.Persistence.Inbox;

/// <summary>
/// Sends the command of a `queued` job again when its last message left the outbox longer than
/// <see cref="InboxOptions.QueuedResendAfter"/> ago and no worker has started it since: the
/// message was lost on the way (a purged or deleted queue, a broker that lost its disk). Without
/// this such a job would wait forever. A re-send that turns out not to be needed costs one more
/// message and nothing else: the inbox lets only one delivery commit the job's effects. Rows are
/// claimed with FOR UPDATE SKIP LOCKED and checked again once locked, so every worker can run
/// this at once.
///
/// From here a lost message and one still waiting behind a long backlog look the same, so the
/// window doubles with every message already sent for the job (up to 32×): a job that waits an
/// hour behind a backlog is re-sent a handful of times, not once per window — the 20 000-job
/// chaos run, with a one-minute window and a backlog of thousands, re-sent 129 401 commands for
/// 21 793 jobs before this backoff.
/// </summary>
public sealed partial class LostCommandRecovery(
    IServiceScopeFactory scopeFactory,
    IOptions<InboxOptions> options,
    TimeProvider clock,
    ILogger<LostCommandRecovery> logger) : PeriodicSweep(scopeFactory, clock, logger)
{
    /// <summary>The window stops doubling at 2^5 = 32 × <see cref="InboxOptions.QueuedResendAfter"/>.</summary>
    public const int MaxDoublings = 5;

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override Task SweepOnceAsync(CancellationToken cancellationToken) => ResendAsync(cancellationToken);

    /// <summary>
    /// A job counts as lost when none of its messages is still waiting in the outbox and the last
    /// one was sent longer ago than the window × 2^(messages sent − 1) (rows already deleted by
    /// retention count as sent long ago). Written once for the claim and its re-check; parameters:
    /// {0} the cutoff for created_at, {1} the window, {2} now, {3} the cap on the exponent's count.
    /// </summary>
    private const string IsLost = """
        j.status = 'queued' AND j.created_at < {0}
        AND NOT EXISTS (SELECT 1 FROM outbox_messages o WHERE o.job_id = j.id AND o.sent_at IS NULL)
        AND COALESCE((SELECT max(o.sent_at) + {1} * power(2, least(count(*), {3}) - 1)
                      FROM outbox_messages o WHERE o.job_id = j.id), '-infinity') < {2}
        """;

    // Ids only; EF loads the rows with their columns named (see ExpiredLeaseRecovery).
    private const string ClaimLost = """SELECT j.id AS "Value" FROM jobs j WHERE """ + IsLost + """
         ORDER BY j.created_at LIMIT 100 FOR UPDATE OF j SKIP LOCKED
        """;

    /// <summary>The same question for the claimed ids ({4}).</summary>
    private const string StillLost = """SELECT j.id AS "Value" FROM jobs j WHERE j.id = ANY({4}) AND """ + IsLost;

    /// <summary>Re-sends one batch; returns how many commands it queued for sending again.</summary>
    public Task<int> ResendAsync(CancellationToken cancellationToken) => InSystemTransactionAsync(async (db, now) =>
    {
        var window = options.Value.QueuedResendAfter;
        object[] parameters = [now - window, window, now, MaxDoublings + 1];

        var claimed = await db.Database.SqlQuery<Guid>(FormattableStringFactory.Create(ClaimLost, parameters))
            .ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        // The claim judged "lost" on its statement's snapshot but locked each row later: a sweep on
        // another worker that re-sent the job and committed in between had released the lock, so
        // SKIP LOCKED did not skip the row, and a lock leaves the row unchanged, so PostgreSQL did
        // not re-check it. Asked again in a statement of its own (a fresh snapshot under READ
        // COMMITTED, taken while this sweep holds the locks), the question sees every re-send
        // committed before this sweep's lock.
        var stillLost = db.Database.SqlQuery<Guid>(FormattableStringFactory.Create(StillLost, [.. parameters, claimed.ToArray()]));
        var lost = await db.Jobs.Where(j => stillLost.Contains(j.Id)).OrderBy(j => j.CreatedAt).ToListAsync(cancellationToken);

        foreach (var job in lost)
        {
            db.AddOutboxResend(job, now);
            LogResent(job.Id, job.Type, options.Value.QueuedResendAfter);
        }

        return lost.Count;
    }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} ({JobType}) still queued {Window} after its command was sent; sending it again")]
    private partial void LogResent(Guid jobId, string jobType, TimeSpan window);
}
