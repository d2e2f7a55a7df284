using System.Security.Claims;
using Intake.Api.Auth;
using Intake.Api.Problems;
using Intake.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Intake.Api.TrainingRuns;

public static class TrainingRunsApi
{
    public static RouteGroupBuilder MapTrainingRunsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/training-runs").RequireAuthorization().WithTags("Training runs");
        group.MapGet("/{trainingRunId:guid}", GetTrainingRun);
        return group;
    }

    public static async Task<Results<Ok<TrainingRunView>, ProblemHttpResult>> GetTrainingRun(
        Guid trainingRunId, ClaimsPrincipal user, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        var run = await db.TrainingRuns.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == trainingRunId && r.UserId == userId, cancellationToken);
        return run is null ? ApiProblems.NotFound($"Training run {trainingRunId}") : TypedResults.Ok(TrainingRunView.From(run));
    }
}
