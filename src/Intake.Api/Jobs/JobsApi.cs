using Intake.Api.Admin;
using Intake.Api.Auth;
using Intake.Api.Idempotency;
using Intake.Api.Limits;
using Intake.Api.Problems;
using Intake.Contracts;
using Intake.Persistence;
using Intake.Persistence.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using System.Security.Claims;

namespace Intake.Api.Jobs;

public static class JobsApi
{
    public static RouteGroupBuilder MapJobsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/jobs").RequireAuthorization().WithTags("Jobs");
        group.MapPost("/process-document", SubmitProcessDocument).WithBodyLimit(l => l.JobBodyBytes).CountsIdempotencyOutcomes(JobTypes.ProcessDocument);
        group.MapPost("/generate-training-data", SubmitGenerateTrainingData).WithBodyLimit(l => l.JobBodyBytes).CountsIdempotencyOutcomes(JobTypes.GenerateTrainingData);
        group.MapPost("/start-training", SubmitStartTraining).WithBodyLimit(l => l.JobBodyBytes).CountsIdempotencyOutcomes(JobTypes.StartTraining);
        group.MapGet("/{jobId:guid}", GetJob);
        group.MapGet("/by-key/{idempotencyKey}", GetJobByKey);
        group.MapGet("/", ListJobs);
        return group;
    }

    public static async Task<Results<StoredResponseResult, ProblemHttpResult, ValidationProblem>> SubmitProcessDocument(
        HttpContext http, SubmissionReader reader, IdempotentSubmission submission, IntakeDbContext db, IOptions<LimitsOptions> limits)
    {
        var (request, problem) = await reader.ReadAsync(http, "/v1/jobs/process-document", limits.Value.JobBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        if (!RequestBinding.TryBind<ProcessDocumentRequest>(request!.Body, out var body, out problem))
        {
            return problem;
        }

        var errors = body.Validate();
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var documentId = body.DocumentId!.Value;
        var normalized = body with { ChunkSize = body.EffectiveChunkSize, ChunkOverlap = body.EffectiveChunkOverlap };
        return Widen(await submission.ExecuteAsync(
            request,
            JobTypes.ProcessDocument,
            JobStaging.For(
                db, request, JobTypes.ProcessDocument, normalized,
                jobId => new ProcessDocument(jobId, request.UserId, documentId, body.EffectiveChunkSize, body.EffectiveChunkOverlap)),
            http,
            references: ReferenceCheck.Documents(
                [documentId],
                _ => ApiProblems.UnknownReference("document-not-found", $"Document {documentId} does not exist."))));
    }

    public static async Task<Results<StoredResponseResult, ProblemHttpResult, ValidationProblem>> SubmitGenerateTrainingData(
        HttpContext http, SubmissionReader reader, IdempotentSubmission submission, IntakeDbContext db, IOptions<LimitsOptions> limits)
    {
        var (request, problem) = await reader.ReadAsync(http, "/v1/jobs/generate-training-data", limits.Value.JobBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        if (!RequestBinding.TryBind<GenerateTrainingDataRequest>(request!.Body, out var body, out problem))
        {
            return problem;
        }

        var errors = body.Validate();
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var documentIds = body.DocumentIds!.ToArray();
        var normalized = body with { Format = body.EffectiveFormat, ValidationFraction = body.EffectiveValidationFraction };
        return Widen(await submission.ExecuteAsync(
            request,
            JobTypes.GenerateTrainingData,
            JobStaging.For(
                db, request, JobTypes.GenerateTrainingData, normalized,
                jobId => new GenerateTrainingData(jobId, request.UserId, documentIds, body.EffectiveFormat, body.MaxExamples, body.EffectiveValidationFraction)),
            http,
            references: ReferenceCheck.Documents(
                documentIds,
                missing => ApiProblems.UnknownReference("document-not-found", $"Documents do not exist: {string.Join(", ", missing)}."))));
    }

    public static async Task<Results<StoredResponseResult, ProblemHttpResult, ValidationProblem>> SubmitStartTraining(
        HttpContext http, SubmissionReader reader, IdempotentSubmission submission, IntakeDbContext db, IOptions<LimitsOptions> limits)
    {
        var (request, problem) = await reader.ReadAsync(http, "/v1/jobs/start-training", limits.Value.JobBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        if (!RequestBinding.TryBind<StartTrainingRequest>(request!.Body, out var body, out problem))
        {
            return problem;
        }

        var errors = body.Validate();
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var datasetId = body.DatasetId!.Value;
        var normalized = body with { Epochs = body.EffectiveEpochs };
        return Widen(await submission.ExecuteAsync(
            request,
            JobTypes.StartTraining,
            JobStaging.For(
                db, request, JobTypes.StartTraining, normalized,
                jobId => new StartTraining(jobId, request.UserId, datasetId, body.BaseModel, body.EffectiveEpochs)),
            http,
            references: ReferenceCheck.Dataset(
                datasetId,
                _ => ApiProblems.UnknownReference("dataset-not-found", $"Dataset {datasetId} does not exist."))));
    }

    public static async Task<Results<Ok<JobView>, ProblemHttpResult>> GetJob(
        Guid jobId, ClaimsPrincipal user, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        var job = await db.Jobs.AsNoTracking()
            .SingleOrDefaultAsync(j => j.Id == jobId && j.UserId == userId, cancellationToken);
        return job is null ? ApiProblems.NotFound($"Job {jobId}") : TypedResults.Ok(JobView.From(job));
    }

    public static async Task<Results<Ok<JobView>, ProblemHttpResult>> GetJobByKey(
        string idempotencyKey, ClaimsPrincipal user, IntakeDbContext db, CancellationToken cancellationToken)
    {
        if (!IdempotencyKeyParser.IsValidKey(idempotencyKey))
        {
            return ApiProblems.InvalidIdempotencyKey(
                $"A key is {IdempotencyKeyParser.MinLength} to {IdempotencyKeyParser.MaxLength} characters of letters, digits, '-' and '_'.");
        }

        var userId = user.GetUserId();

        // A key may be reused after it expires; the newest job under it is the one the key means now.
        var job = await db.Jobs.AsNoTracking()
            .Where(j => j.UserId == userId && j.IdempotencyKey == idempotencyKey)
            .OrderByDescending(j => j.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return job is null ? ApiProblems.NotFound($"A job with key '{idempotencyKey}'") : TypedResults.Ok(JobView.From(job));
    }

    public static async Task<Results<Ok<JobPage>, ValidationProblem>> ListJobs(
        ClaimsPrincipal user, IntakeDbContext db, CancellationToken cancellationToken,
        string? type = null, string? status = null, int? limit = null, string? after = null)
    {
        var errors = new ValidationErrors();
        if (type is not null && !JobTypes.All.Contains(type))
        {
            errors.Add("type", $"type must be one of: {string.Join(", ", JobTypes.All)}.");
        }

        if (status is not null && !JobStatuses.All.Contains(status))
        {
            errors.Add("status", $"status must be one of: {string.Join(", ", JobStatuses.All)}.");
        }

        var pageSize = limit ?? 20;
        if (pageSize is < 1 or > 100)
        {
            errors.Add("limit", "limit must be between 1 and 100.");
        }

        JobCursor? cursor = null;
        if (after is not null && !JobCursor.TryDecode(after, out cursor))
        {
            errors.Add("after", "after must be a cursor returned as nextCursor.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var userId = user.GetUserId();
        var query = db.Jobs.AsNoTracking().Where(j => j.UserId == userId);
        if (type is not null)
        {
            query = query.Where(j => j.Type == type);
        }

        if (status is not null)
        {
            query = query.Where(j => j.Status == status);
        }

        if (cursor is not null)
        {
            query = query.Where(j => EF.Functions.LessThan(
                ValueTuple.Create(j.CreatedAt, j.Id),
                ValueTuple.Create(cursor.CreatedAt, cursor.Id)));
        }

        var jobs = await query
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Take(pageSize + 1)
            .ToListAsync(cancellationToken);
        var items = jobs.Take(pageSize).Select(JobView.From).ToList();
        var next = jobs.Count > pageSize ? new JobCursor(jobs[pageSize - 1].CreatedAt, jobs[pageSize - 1].Id).Encode() : null;
        return TypedResults.Ok(new JobPage(items, next));
    }

    private static Results<StoredResponseResult, ProblemHttpResult, ValidationProblem> Widen(
        Results<StoredResponseResult, ProblemHttpResult> result) => result.Result switch
        {
            StoredResponseResult stored => stored,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("Unexpected submission result."),
        };
}
