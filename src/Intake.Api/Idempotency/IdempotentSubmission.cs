using System.Diagnostics;
using Intake.Api.Problems;
using Intake.Persistence;
using Intake.Persistence.Outbox;
using Intake.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Intake.Api.Idempotency;

/// <summary>
/// Commits a submission at most once per (user, key).
///
/// In one transaction: the caller's effects are staged (the job and its outbox command, or the
/// document), the key row is inserted with the response it will answer, and everything commits
/// together. The key row is inserted with INSERT … ON CONFLICT, so the database decides who wins:
/// a concurrent request with the same key blocks on the winner's uncommitted row (bounded by
/// lock_timeout), then finds it committed and replays it, or gets 409 if the wait ran out. A key
/// whose record has expired is taken over by the new request in the same statement.
/// </summary>
public sealed partial class IdempotentSubmission(
    IntakeDbContext db,
    OutboxSignal outboxSignal,
    CommitCrashInjector crashInjector,
    TimeProvider clock,
    IOptions<IdempotencyOptions> options,
    ILogger<IdempotentSubmission> logger)
{
    private const string LockNotAvailable = "55P03";

    private const string ClaimKeySql = """
        INSERT INTO idempotency_keys AS k
            (user_id, key, fingerprint, request_method, request_path, resource_type, resource_id,
             response_status, response_location, response_body, created_at, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
        ON CONFLICT (user_id, key) DO UPDATE SET
            fingerprint = EXCLUDED.fingerprint,
            request_method = EXCLUDED.request_method,
            request_path = EXCLUDED.request_path,
            resource_type = EXCLUDED.resource_type,
            resource_id = EXCLUDED.resource_id,
            response_status = EXCLUDED.response_status,
            response_location = EXCLUDED.response_location,
            response_body = EXCLUDED.response_body,
            created_at = EXCLUDED.created_at,
            expires_at = EXCLUDED.expires_at
        WHERE k.expires_at <= EXCLUDED.created_at
        """;

    /// <param name="stage">
    /// Runs inside the transaction: adds the effects to <see cref="IntakeDbContext"/> (without
    /// saving) and returns the response, or returns a problem (nothing is then stored).
    /// </param>
    public async Task<Results<StoredResponseResult, ProblemHttpResult>> ExecuteAsync(
        SubmissionRequest request,
        string resourceType,
        Func<DateTimeOffset, CancellationToken, Task<StageOutcome>> stage,
        HttpContext http)
    {
        // The span is current while the outbox row is staged, so the row carries this trace on.
        using var activity = IntakeTelemetry.ActivitySource.StartActivity("submission");
        var keyHash = request.Key is null ? null : IdempotencyKeyHash.Compute(request.UserId, request.Key);
        activity?.SetTag(IntakeTelemetry.JobTypeTag, resourceType);
        activity?.SetTag(IntakeTelemetry.KeyHashTag, keyHash);
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["ResourceType"] = resourceType,
            ["IdempotencyKeyHash"] = keyHash,
        });

        var result = await ExecuteOnceAsync(request, resourceType, stage, http);
        var outcome = result.Result switch
        {
            StoredResponseResult { Replayed: true } => SubmissionOutcomes.Replayed,
            StoredResponseResult => SubmissionOutcomes.Created,
            ProblemHttpResult { ProblemDetails.Type: ApiProblems.TypePrefix + "idempotency-key-reused" } => SubmissionOutcomes.KeyReused,
            ProblemHttpResult { ProblemDetails.Type: ApiProblems.TypePrefix + "idempotency-request-in-flight" } => SubmissionOutcomes.InFlight,
            _ => SubmissionOutcomes.Refused,
        };
        SubmissionOutcomes.Record(http, outcome);
        activity?.SetTag(IntakeTelemetry.OutcomeTag, outcome);
        LogOutcome(outcome);
        return result;
    }

    private async Task<Results<StoredResponseResult, ProblemHttpResult>> ExecuteOnceAsync(
        SubmissionRequest request,
        string resourceType,
        Func<DateTimeOffset, CancellationToken, Task<StageOutcome>> stage,
        HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNowForDatabase();
            // Our SaveChanges runs inside our own transaction: EF's automatic savepoint around it
            // would cost two more round trips per submission and protects nothing here.
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var outcome = await stage(now, cancellationToken);
            if (outcome.Problem is { } refused)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();

                // The refusal may be the effect of the first request under this key (a retry
                // that already re-queued the job): that request's response wins.
                return request.Key is null
                    ? refused
                    : await ReplayAsync(request, request.Key, cancellationToken) ?? refused;
            }

            var staged = outcome.Staged!;

            if (request.Key is { } key)
            {
                bool claimed;
                try
                {
                    claimed = await TryClaimKeyAsync(request, key, resourceType, staged, now, cancellationToken);
                }
                catch (PostgresException exception) when (exception.SqlState == LockNotAvailable)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    var retryAfter = Math.Max(1, (int)Math.Ceiling(options.Value.InFlightWait.TotalSeconds));
                    http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return ApiProblems.RequestInFlight();
                }

                if (!claimed)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    var replay = await ReplayAsync(request, key, cancellationToken);
                    if (replay is null && attempt < 3)
                    {
                        // The record expired and was swept between our insert and our read: try again.
                        continue;
                    }

                    return replay ?? ApiProblems.IdempotencyKeyReused();
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            Activity.Current?.SetTag(IntakeTelemetry.JobIdTag, staged.ResourceId);
            LogCommitted(resourceType, staged.ResourceId);
            crashInjector.AfterCommit();
            if (staged.SendsCommand)
            {
                outboxSignal.Notify();
            }

            return new StoredResponseResult(staged.Response, replayed: false);
        }
    }

    /// <summary>The stored response for (user, key): a replay, a 422 for another request, or null if there is none.</summary>
    private async Task<Results<StoredResponseResult, ProblemHttpResult>?> ReplayAsync(
        SubmissionRequest request, string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var existing = await db.IdempotencyKeys.AsNoTracking()
            .SingleOrDefaultAsync(r => r.UserId == request.UserId && r.Key == key && r.ExpiresAt > now, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        if (existing.Fingerprint != request.Fingerprint)
        {
            return ApiProblems.IdempotencyKeyReused();
        }

        return new StoredResponseResult(
            new StoredResponse(existing.ResponseStatus, existing.ResponseLocation, existing.ResponseBody),
            replayed: true);
    }

    private async Task<bool> TryClaimKeyAsync(
        SubmissionRequest request,
        string key,
        string resourceType,
        StagedSubmission staged,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var lockTimeout = $"{(int)options.Value.InFlightWait.TotalMilliseconds}ms";
        var expiresAt = now + options.Value.TtlFor(resourceType);
        var response = staged.Response;

        // The lock timeout and the key INSERT travel as one batch (one round trip): the setting is
        // transaction-local and must be in force before the INSERT can wait on a concurrent key.
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT set_config('lock_timeout', $1, true)")
                {
                    Parameters = { new NpgsqlParameter<string> { TypedValue = lockTimeout } },
                },
                new NpgsqlBatchCommand(ClaimKeySql)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<string> { TypedValue = request.UserId },
                        new NpgsqlParameter<string> { TypedValue = key },
                        new NpgsqlParameter<string> { TypedValue = request.Fingerprint },
                        new NpgsqlParameter<string> { TypedValue = request.Method },
                        new NpgsqlParameter<string> { TypedValue = request.Route },
                        new NpgsqlParameter<string> { TypedValue = resourceType },
                        new NpgsqlParameter<Guid> { TypedValue = staged.ResourceId },
                        new NpgsqlParameter<int> { TypedValue = response.StatusCode },
                        new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = (object?)response.Location ?? DBNull.Value },
                        new NpgsqlParameter<byte[]> { TypedValue = response.Body },
                        new NpgsqlParameter<DateTimeOffset> { TypedValue = now },
                        new NpgsqlParameter<DateTimeOffset> { TypedValue = expiresAt },
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return batch.BatchCommands[1].RecordsAffected == 1;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Committed {ResourceType} {ResourceId}")]
    private partial void LogCommitted(string resourceType, Guid resourceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Submission answered: {Outcome}")]
    private partial void LogOutcome(string outcome);
}
