using System.Security.Claims;
using System.Text;
using Intake.Api.Auth;
using Intake.Api.Problems;
using Intake.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Intake.Api.Datasets;

public static class DatasetsApi
{
    public static RouteGroupBuilder MapDatasetsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/datasets").RequireAuthorization().WithTags("Datasets");
        group.MapGet("/{datasetId:guid}", GetDataset);
        group.MapGet("/{datasetId:guid}/examples", GetExamples);
        return group;
    }

    public static async Task<Results<Ok<DatasetView>, ProblemHttpResult>> GetDataset(
        Guid datasetId, ClaimsPrincipal user, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        var dataset = await db.Datasets.AsNoTracking()
            .SingleOrDefaultAsync(d => d.Id == datasetId && d.UserId == userId, cancellationToken);
        return dataset is null ? ApiProblems.NotFound($"Dataset {datasetId}") : TypedResults.Ok(DatasetView.From(dataset));
    }

    /// <summary>The examples as JSONL, in order; `split` = train | validation narrows them.</summary>
    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult, ValidationProblem>> GetExamples(
        Guid datasetId, ClaimsPrincipal user, IntakeDbContext db, CancellationToken cancellationToken, string? split = null)
    {
        if (split is not null and not ("train" or "validation"))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["split"] = ["split must be train or validation."] });
        }

        var userId = user.GetUserId();
        if (!await db.Datasets.AnyAsync(d => d.Id == datasetId && d.UserId == userId, cancellationToken))
        {
            return ApiProblems.NotFound($"Dataset {datasetId}");
        }

        var query = db.DatasetExamples.AsNoTracking().Where(e => e.DatasetId == datasetId);
        if (split is not null)
        {
            query = query.Where(e => e.Split == split);
        }

        var lines = query.OrderBy(e => e.Ordinal).Select(e => e.Content).AsAsyncEnumerable();
        return TypedResults.Stream(async stream =>
        {
            await foreach (var line in lines.WithCancellation(cancellationToken))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);
            }
        }, "application/jsonl; charset=utf-8");
    }
}
