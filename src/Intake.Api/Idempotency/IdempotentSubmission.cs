using System.Diagnostics;
using Intake.Api.Problems;
using Intake.Persistence;
using Intake.Persistence.Entities;
using Intake.Persistence.Outbox;
using Intake.Persistence.Security;
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
/// Read first: one round trip (batched with the connection's row-security identity) looks the key
/// up, and the resources the request names with it, so a retry of a finished request is answered
/// from its stored response without writing anything. Otherwise the caller stages its effects
/// (the job and its outbox command, or the document) and the key row is added beside them with
/// the response it will answer; one SaveChanges writes them all as one batch, which PostgreSQL
/// runs as one implicit transaction: all or nothing, in a single round trip. The database decides
/// who wins a race: the key's primary key makes a concurrent request with the same key wait on the
/// winner's uncommitted row (bounded by lock_timeout), then fail with a unique violation once the
/// winner commits — and replay the winner's response — or answer 409 if the wait ran out. An
/// explicit transaction is used only when the stage locks rows it then changes, or when a key whose
/// record has expired is taken over (INSERT … ON CONFLICT … WHERE expired, committed with the effects).
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
    private const string UniqueViolation = "23505";
    private const string KeysTable = "idempotency_keys";

    /// <summary>
    /// Rows that certainly go to the database as one batch (EF splits batches only beyond its
    /// MaxBatchSize, which is larger for Npgsql); a submission stages three.
    /// </summary>
    private const int SingleBatchRows = 40;

    private const string LookUpKeySql = """
        SELECT fingerprint, response_status, response_location, response_body, expires_at
        FROM idempotency_keys WHERE user_id = $1 AND key = $2
        """;

    private const string TakeOverExpiredKeySql = """
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
    /// May read (the retry's job, locked), adds the effects to <see cref="IntakeDbContext"/> (without
    /// saving) and returns the response, or returns a problem (nothing is then stored). It does
    /// not run at all for a replay.
    /// </param>
    /// <param name="stageLocksRows">
    /// The stage locks rows (SELECT … FOR UPDATE) that its effects change: it then runs in the
    /// same explicit transaction as the commit, so the lock holds until the commit.
    /// </param>
    /// <param name="references">
    /// Resources the request names, checked in the key lookup's round trip; when some are missing
    /// (and there is nothing to replay) the stage does not run and their problem is the answer.
    /// </param>
    public async Task<Results<StoredResponseResult, ProblemHttpResult>> ExecuteAsync(
        SubmissionRequest request,
        string resourceType,
        Func<DateTimeOffset, CancellationToken, Task<StageOutcome>> stage,
        HttpContext http,
        bool stageLocksRows = false,
        ReferenceCheck? references = null)
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

        var result = await ExecuteOnceAsync(request, resourceType, stage, http, stageLocksRows, references);
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
        HttpContext http,
        bool stageLocksRows,
        ReferenceCheck? references)
    {
        var cancellationToken = http.RequestAborted;
        for (var attempt = 1; ; attempt++)
        {
            var (stored, missingReference) = await ReadFirstAsync(request.UserId, request.Key, references, cancellationToken);
            var now = clock.GetUtcNowForDatabase();
            if (stored is not null && stored.ExpiresAt > now)
            {
                return Answer(request, stored);
            }

            if (missingReference is not null)
            {
                // Not re-read as a stage refusal is: the key lookup ran in the same batch, and no
                // concurrent request under this key can make a document or dataset disappear.
                return missingReference;
            }

            // In an explicit transaction EF's automatic savepoint around SaveChanges would cost two
            // more round trips and protects nothing here.
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = stageLocksRows || stored is not null
                ? await db.Database.BeginTransactionAsync(cancellationToken)
                : null;
            try
            {
                var outcome = await stage(now, cancellationToken);
                if (outcome.Problem is { } refused)
                {
                    await AbandonAsync(transaction, cancellationToken);

                    // The refusal may be the effect of a concurrent first request under this key
                    // (a retry that already re-queued the job): that request's response wins.
                    return request.Key is null
                        ? refused
                        : await ReplayAsync(request, request.Key, cancellationToken) ?? refused;
                }

                var staged = outcome.Staged!;
                if (request.Key is { } key)
                {
                    var record = NewRecord(request, key, resourceType, staged.ResourceId, staged.Response, now);
                    if (stored is null)
                    {
                        db.IdempotencyKeys.Add(record);
                    }
                    else if (!await TryTakeOverExpiredKeyAsync(record, cancellationToken))
                    {
                        // Another request took the expired key over first: answer as it did.
                        await AbandonAsync(transaction, cancellationToken);
                        if (attempt < 3)
                        {
                            continue;
                        }

                        return ApiProblems.IdempotencyKeyReused();
                    }
                }

                await SaveAtomicallyAsync(transaction, cancellationToken);

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
            catch (Exception exception) when (SqlState(exception) == UniqueViolation && TableOf(exception) == KeysTable)
            {
                // A concurrent request with the same key committed first (we waited on its row).
                await AbandonAsync(transaction, cancellationToken);
                var replay = await ReplayAsync(request, request.Key!, cancellationToken);
                if (replay is null && attempt < 3)
                {
                    // Its record expired and was swept between its commit and our read: try again.
                    continue;
                }

                return replay ?? ApiProblems.IdempotencyKeyReused();
            }
            catch (Exception exception) when (SqlState(exception) == LockNotAvailable)
            {
                // A concurrent request with the same key (or on the same job) is still in flight.
                // Logged with the database's message: a lock held by something else (a migration,
                // a stuck session) also ends here, and would otherwise leave no trace but 409s.
                LogLockWaitRanOut(options.Value.InFlightWait, Postgres(exception)?.MessageText);
                await AbandonAsync(transaction, cancellationToken);
                var retryAfter = Math.Max(1, (int)Math.Ceiling(options.Value.InFlightWait.TotalSeconds));
                http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ApiProblems.RequestInFlight();
            }
        }
    }

    /// <summary>
    /// Writes everything staged, all or nothing. Plain inserts go through <see cref="AddedRowsWriter"/>:
    /// one batch, one implicit transaction. Otherwise, without an explicit transaction, EF would still
    /// wrap its batch in BEGIN … COMMIT (one more round trip); PostgreSQL already runs a batch sent
    /// with one Sync as one implicit transaction (Npgsql's default: an error rolls back the whole
    /// batch), so SaveChanges is told not to, as long as everything fits in one batch. A stage that
    /// writes more rows than that gets an explicit transaction instead.
    /// </summary>
    private async Task SaveAtomicallyAsync(IDbContextTransaction? transaction, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        // The usual case (a submission's key, job and command): one batch of INSERTs, of any
        // size, generated once per entity type, instead of SaveChanges. It declines (sending
        // nothing) what it does not handle, which SaveChanges then writes.
        if (await AddedRowsWriter.TryInsertAsync(db, cancellationToken))
        {
            return;
        }

        if (StagedRows() > SingleBatchRows)
        {
            await using var own = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await own.CommitAsync(cancellationToken);
            return;
        }

        var behavior = db.Database.AutoTransactionBehavior;
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Database.AutoTransactionBehavior = behavior;
        }
    }

    private int StagedRows() =>
        db.ChangeTracker.Entries().Count(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);

    /// <summary>Rolls back what was staged (the database's side, if in a transaction, and the change tracker's).</summary>
    private async Task AbandonAsync(IDbContextTransaction? transaction, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
    }

    /// <summary>The live stored response for (user, key): a replay, a 422 for another request, or null if there is none.</summary>
    private async Task<Results<StoredResponseResult, ProblemHttpResult>?> ReplayAsync(
        SubmissionRequest request, string key, CancellationToken cancellationToken)
    {
        var (stored, _) = await ReadFirstAsync(request.UserId, key, references: null, cancellationToken);
        return stored is not null && stored.ExpiresAt > clock.GetUtcNowForDatabase() ? Answer(request, stored) : null;
    }

    private static Results<StoredResponseResult, ProblemHttpResult> Answer(SubmissionRequest request, StoredKey stored) =>
        stored.Fingerprint == request.Fingerprint
            ? new StoredResponseResult(stored.Response, replayed: true)
            : ApiProblems.IdempotencyKeyReused();

    /// <summary>
    /// One round trip: applies the row-security identity when this opens the connection, sets the
    /// session's lock_timeout (how long the key INSERT, or a stage's row lock, may wait on a
    /// concurrent request; the next lease of the connection resets it), reads the key row and
    /// checks the resources the request names. Without a key and references it sends nothing.
    /// </summary>
    private async Task<FirstRead> ReadFirstAsync(
        string userId, string? key, ReferenceCheck? references, CancellationToken cancellationToken)
    {
        if (key is null && references is null)
        {
            return FirstRead.Nothing;
        }

        var identity = await RowSecurityInterceptor.OpenDeferringIdentityAsync(db, cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        if (identity is not null)
        {
            batch.BatchCommands.Add(identity);
        }

        var lockTimeout = $"{(int)options.Value.InFlightWait.TotalMilliseconds}ms";
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('lock_timeout', $1, false)")
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = lockTimeout } },
        });

        var lookUp = -1;
        if (key is not null)
        {
            lookUp = batch.BatchCommands.Count;
            batch.BatchCommands.Add(new NpgsqlBatchCommand(LookUpKeySql)
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { TypedValue = userId },
                    new NpgsqlParameter<string> { TypedValue = key },
                },
            });
        }

        var check = -1;
        if (references is not null)
        {
            check = batch.BatchCommands.Count;
            batch.BatchCommands.Add(new NpgsqlBatchCommand(references.Sql)
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { TypedValue = userId },
                    new NpgsqlParameter<Guid[]> { TypedValue = references.Ids },
                },
            });
        }

        StoredKey? stored = null;
        ProblemHttpResult? missing = null;
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; i < batch.BatchCommands.Count; i++)
        {
            if (i > 0)
            {
                await reader.NextResultAsync(cancellationToken);
            }

            if (i == lookUp && await reader.ReadAsync(cancellationToken))
            {
                var response = new StoredResponse(
                    reader.GetInt32(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetFieldValue<byte[]>(3));
                stored = new StoredKey(reader.GetString(0), response, reader.GetFieldValue<DateTimeOffset>(4));
            }
            else if (i == check)
            {
                var found = new HashSet<Guid>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    found.Add(reader.GetGuid(0));
                }

                var absent = references!.Ids.Where(id => !found.Contains(id)).Distinct().ToList();
                missing = absent.Count > 0 ? references.Missing(absent) : null;
            }
        }

        return new FirstRead(stored, missing);
    }

    private IdempotencyRecord NewRecord(
        SubmissionRequest request, string key, string resourceType, Guid resourceId, StoredResponse response, DateTimeOffset now) => new()
    {
        UserId = request.UserId,
        Key = key,
        Fingerprint = request.Fingerprint,
        RequestMethod = request.Method,
        RequestPath = request.Route,
        ResourceType = resourceType,
        ResourceId = resourceId,
        ResponseStatus = response.StatusCode,
        ResponseLocation = response.Location,
        ResponseBody = response.Body,
        CreatedAt = now,
        ExpiresAt = now + options.Value.TtlFor(resourceType),
    };

    /// <summary>Claims a key whose record has expired; false when another request claimed it first.</summary>
    private async Task<bool> TryTakeOverExpiredKeyAsync(IdempotencyRecord record, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await using var command = new NpgsqlCommand(TakeOverExpiredKeySql, connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = record.UserId },
                new NpgsqlParameter<string> { TypedValue = record.Key },
                new NpgsqlParameter<string> { TypedValue = record.Fingerprint },
                new NpgsqlParameter<string> { TypedValue = record.RequestMethod },
                new NpgsqlParameter<string> { TypedValue = record.RequestPath },
                new NpgsqlParameter<string> { TypedValue = record.ResourceType },
                new NpgsqlParameter<Guid> { TypedValue = record.ResourceId },
                new NpgsqlParameter<int> { TypedValue = record.ResponseStatus },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = (object?)record.ResponseLocation ?? DBNull.Value },
                new NpgsqlParameter<byte[]> { TypedValue = record.ResponseBody },
                new NpgsqlParameter<DateTimeOffset> { TypedValue = record.CreatedAt },
                new NpgsqlParameter<DateTimeOffset> { TypedValue = record.ExpiresAt },
            },
        };
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static string? SqlState(Exception exception) => Postgres(exception)?.SqlState;

    private static string? TableOf(Exception exception) => Postgres(exception)?.TableName;

    /// <summary>
    /// The database's error, whether Npgsql threw it or EF wrapped it (in a DbUpdateException, and
    /// that in the execution strategy's "transient failure" exception for a lock timeout).
    /// </summary>
    private static PostgresException? Postgres(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Committed {ResourceType} {ResourceId}")]
    private partial void LogCommitted(string resourceType, Guid resourceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lock wait ran out after {InFlightWait}, answering 409: {DatabaseMessage}")]
    private partial void LogLockWaitRanOut(TimeSpan inFlightWait, string? databaseMessage);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Submission answered: {Outcome}")]
    private partial void LogOutcome(string outcome);
}
