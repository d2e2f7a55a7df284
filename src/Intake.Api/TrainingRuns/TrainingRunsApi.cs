using System.Security.Claims;
using Intake.Api.Auth;
using Intake.Api.Problems;
using Intake.Persistence;
using Intake.Training;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Intake.Api.TrainingRuns;

public static class TrainingRunsApi
{
    public static RouteGroupBuilder MapTrainingRunsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/training-runs").RequireAuthorization().WithTags("Training runs");
        group.MapGet("/{trainingRunId:guid}", GetTrainingRun);
        group.MapGet("/{trainingRunId:guid}/model", DownloadModel);
        group.MapPost("/{trainingRunId:guid}/sample", Sample);
        return group;
    }

    public static async Task<Results<Ok<TrainingRunView>, ProblemHttpResult>> GetTrainingRun(
        Guid trainingRunId, ClaimsPrincipal user, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId();
        var found = await db.TrainingRuns.AsNoTracking()
            .Where(r => r.Id == trainingRunId && r.UserId == userId)
            .Select(r => new { Run = r, ModelSize = r.Model == null ? (long?)null : r.Model.Length })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return ApiProblems.NotFound($"Training run {trainingRunId}");
        }

        // The model bytes are served by /model; the view only says how large they are.
        found.Run.Model = null;
        return TypedResults.Ok(TrainingRunView.From(found.Run, found.ModelSize));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadModel(
        Guid trainingRunId, ClaimsPrincipal user, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var model = await LoadModelBytesAsync(trainingRunId, user.GetUserId(), db, cancellationToken);
        return model is null
            ? ApiProblems.NotFound($"A trained model for run {trainingRunId}")
            : TypedResults.File(model, "application/octet-stream", $"intake-model-{trainingRunId}.bin");
    }

    /// <summary>Generates text from the trained model, continuing the prompt.</summary>
    public static async Task<Results<Ok<SampleResponse>, ProblemHttpResult, ValidationProblem>> Sample(
        Guid trainingRunId, SampleRequest request, ClaimsPrincipal user, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var bytes = await LoadModelBytesAsync(trainingRunId, user.GetUserId(), db, cancellationToken);
        if (bytes is null)
        {
            return ApiProblems.NotFound($"A trained model for run {trainingRunId}");
        }

        var model = CharMlpModel.Deserialize(bytes);
        var seed = request.Seed ?? Random.Shared.Next();
        var prompt = request.Prompt ?? string.Empty;
        var text = model.Sample(prompt, request.EffectiveMaxTokens, request.EffectiveTemperature, seed);
        return TypedResults.Ok(new SampleResponse(trainingRunId, prompt, text, seed));
    }

    private static Task<byte[]?> LoadModelBytesAsync(Guid trainingRunId, string userId, IntakeDbContext db, CancellationToken cancellationToken) =>
        db.TrainingRuns.AsNoTracking()
            .Where(r => r.Id == trainingRunId && r.UserId == userId)
            .Select(r => r.Model)
            .SingleOrDefaultAsync(cancellationToken);
}
