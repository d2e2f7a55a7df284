using System.Security.Claims;
using System.Text.Json;
using Intake.Api.Admin;
using Intake.Api.Auth;
using Intake.Api.Idempotency;
using Intake.Api.Problems;
using Intake.Persistence;
using Intake.Persistence.Entities;
using Intake.Persistence.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Intake.Api.Jobs;

/// <summary>Actions on an existing job: retry a failed one, cancel a queued or running one.</summary>
public static class JobActionsApi
{
    public static RouteGroupBuilder MapJobActionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/jobs").RequireAuthorization().WithTags("Jobs");
        group.MapPost("/{jobId:guid}/retry", RetryJob).CountsIdempotencyOutcomes("job-retry");
        group.MapPost("/{jobId:guid}/cancel", CancelJob);
        return group;
    }

    /// <summary>
    /// Re-queues a failed job as a new attempt of the same job (same id, attempts keep counting).
    /// Honours Idempotency-Key like a submission; without one, a second retry of a job that is no
    /// longer failed is a 409.
    /// </summary>
    public static async Task<Results<StoredResponseResult, ProblemHttpResult>> RetryJob(
        Guid jobId, HttpContext http, SubmissionReader reader, IdempotentSubmission submission, IntakeDbContext db)
    {
        var (request, problem) = await reader.ReadAsync(http, $"/v1/jobs/{jobId}/retry", 1024, bodyOptional: true);
        if (problem is not null)
        {
            return problem;
        }

        return await submission.ExecuteAsync(request!, "job-retry", async (now, cancellationToken) =>
        {
            // Locked, so two retries of one job cannot both re-queue it.
            var job = await db.Jobs
                .FromSql($"SELECT * FROM jobs WHERE id = {jobId} AND user_id = {request!.UserId} FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken);
            if (job is null)
            {
                return ApiProblems.NotFound($"Job {jobId}");
            }

            if (job.Status != JobStatuses.Failed)
            {
                return ApiProblems.JobNotRetryable(job.Status);
            }

            job.Status = JobStatuses.Queued;
            job.ErrorCode = null;
            job.ErrorMessage = null;
            job.CompletedAt = null;
            job.LeaseExpiresAt = null;
            job.LeaseOwner = null;
            job.Progress = null;
            db.AddOutboxResend(job, now);

            var body = JsonSerializer.SerializeToUtf8Bytes(
                new JobAccepted(job.Id, job.IdempotencyKey, job.Type, job.Status, job.CreatedAt), IntakeJson.Options);
            return new StagedSubmission(job.Id, new StoredResponse(StatusCodes.Status202Accepted, $"/v1/jobs/{job.Id}", body), SendsCommand: true);
        }, http, stageLocksRows: true);
    }

    /// <summary>
    /// A queued job is cancelled at once; a running one is flagged and its worker stops at its
    /// next progress report (short jobs: before they commit). Cancelling twice is harmless.
    /// </summary>
    public static async Task<Results<Ok<JobView>, ProblemHttpResult>> CancelJob(
        Guid jobId, ClaimsPrincipal user, IntakeDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        var now = clock.GetUtcNowForDatabase();
        // One statement for both cases: checked in two, a queued job that an expired-lease sweep
        // re-queued between them was neither cancelled (it was running for the first) nor flagged
        // (it was queued for the second). PostgreSQL evaluates every SET on the row as it was.
        await db.Jobs
            .Where(j => j.Id == jobId && j.UserId == userId && (j.Status == JobStatuses.Queued || j.Status == JobStatuses.Running))
            .ExecuteUpdateAsync(
                s => s
                    .SetProperty(j => j.CancelRequested, true)
                    .SetProperty(j => j.Status, j => j.Status == JobStatuses.Queued ? JobStatuses.Cancelled : j.Status)
                    .SetProperty(j => j.CompletedAt, j => j.Status == JobStatuses.Queued ? now : j.CompletedAt),
                cancellationToken);

        var job = await db.Jobs.AsNoTracking()
            .SingleOrDefaultAsync(j => j.Id == jobId && j.UserId == userId, cancellationToken);
        if (job is null)
        {
            return ApiProblems.NotFound($"Job {jobId}");
        }

        return job.Status is JobStatuses.Succeeded or JobStatuses.Failed
            ? ApiProblems.JobNotCancellable(job.Status)
            : TypedResults.Ok(JobView.From(job));
    }
}
