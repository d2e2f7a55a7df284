using Intake.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Intake.Api.Admin;

/// <summary>
/// Writes the in-memory replay/mismatch counts to idempotency_outcome_counts every
/// <see cref="AdminOptions.OutcomeFlushInterval"/>, on demand (the stats endpoint) and once more on
/// shutdown. One statement per flush, whatever the traffic, instead of one write per replay.
/// </summary>
public sealed partial class IdempotencyOutcomeFlusher(
    IdempotencyOutcomeCounter counter,
    IServiceScopeFactory scopes,
    IOptions<AdminOptions> options,
    ILogger<IdempotencyOutcomeFlusher> logger) : BackgroundService
{
    // The stats endpoint and the timer may flush at the same time; each pending count must be
    // written once.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var pending = counter.Pending();
            if (pending.Count == 0)
            {
                return;
            }

            var jobTypes = pending.Select(p => p.JobType).ToArray();
            var outcomes = pending.Select(p => p.Outcome).ToArray();
            var counts = pending.Select(p => p.Count).ToArray();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();

            // Hourly buckets keep the table small (a few rows per hour) while still showing when
            // replays and mismatches happened.
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO idempotency_outcome_counts AS c (bucket, job_type, outcome, count)
                SELECT date_trunc('hour', now()), t.job_type, t.outcome, t.count
                FROM unnest({jobTypes}::text[], {outcomes}::text[], {counts}::bigint[]) AS t(job_type, outcome, count)
                ON CONFLICT (bucket, job_type, outcome) DO UPDATE SET count = c.count + EXCLUDED.count
                """,
                cancellationToken);
            counter.MarkFlushed(pending);
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OutcomeFlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await TryFlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the final flush below.
        }

        // Bounded by the host's shutdown timeout.
        await TryFlushAsync(CancellationToken.None);
    }

    private async Task TryFlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The counts stay pending and are written by the next flush.
            LogFlushFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing idempotency outcome counts failed; they are kept for the next flush.")]
    private partial void LogFlushFailed(Exception exception);
}
