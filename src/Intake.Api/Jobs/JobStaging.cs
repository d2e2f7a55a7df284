using System.Text.Json;
using Intake.Api.Idempotency;
using Intake.Contracts;
using Intake.Persistence;
using Intake.Persistence.Entities;
using Intake.Persistence.Outbox;

namespace Intake.Api.Jobs;

/// <summary>Stages a queued job and its outbox command, to be committed with the key row.</summary>
internal static class JobStaging
{
    /// <summary>
    /// The stage of a job submission for <see cref="IdempotentSubmission"/>: it reads nothing (the
    /// reference check rides with the key lookup), so it completes at once.
    /// </summary>
    public static Func<DateTimeOffset, CancellationToken, Task<StageOutcome>> For<TCommand>(
        IntakeDbContext db,
        SubmissionRequest request,
        string type,
        object normalizedRequest,
        Func<Guid, TCommand> createCommand)
        where TCommand : class, IJobCommand =>
        (now, _) => Task.FromResult<StageOutcome>(Stage(db, request, type, normalizedRequest, createCommand, now));

    private static StagedSubmission Stage<TCommand>(
        IntakeDbContext db,
        SubmissionRequest request,
        string type,
        object normalizedRequest,
        Func<Guid, TCommand> createCommand,
        DateTimeOffset now)
        where TCommand : class, IJobCommand
    {
        var jobId = Guid.CreateVersion7(now);
        var command = createCommand(jobId);
        db.Jobs.Add(new Job
        {
            Id = jobId,
            UserId = request.UserId,
            IdempotencyKey = request.Key,
            Type = type,
            Status = JobStatuses.Queued,
            Request = JsonSerializer.Serialize(normalizedRequest, normalizedRequest.GetType(), IntakeJson.Options),
            Command = JsonSerializer.Serialize(command, IntakeJson.Options),
            CreatedAt = now,
        });
        db.AddOutboxCommand(command, type, now);

        var body = JsonSerializer.SerializeToUtf8Bytes(
            new JobAccepted(jobId, request.Key, type, JobStatuses.Queued, now), IntakeJson.Options);
        return new StagedSubmission(jobId, new StoredResponse(StatusCodes.Status202Accepted, $"/v1/jobs/{jobId}", body), SendsCommand: true);
    }
}
