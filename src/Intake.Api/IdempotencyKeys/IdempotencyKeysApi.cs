using System.Security.Claims;
using Intake.Api.Auth;
using Intake.Api.Idempotency;
using Intake.Api.Problems;
using Intake.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Intake.Api.IdempotencyKeys;

/// <summary>Lets a client inspect one of its own keys: what it is bound to and until when.</summary>
public static class IdempotencyKeysApi
{
    public static RouteGroupBuilder MapIdempotencyKeysApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/idempotency-keys").RequireAuthorization().WithTags("Idempotency keys");
        group.MapGet("/{key}", GetIdempotencyKey);
        return group;
    }

    public static async Task<Results<Ok<IdempotencyKeyView>, ProblemHttpResult>> GetIdempotencyKey(
        string key, ClaimsPrincipal user, IntakeDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!IdempotencyKeyParser.IsValidKey(key))
        {
            return ApiProblems.InvalidIdempotencyKey(
                $"A key is {IdempotencyKeyParser.MinLength} to {IdempotencyKeyParser.MaxLength} characters of letters, digits, '-' and '_'.");
        }

        // Scoped to the caller: another user's key is indistinguishable from an unknown one.
        var userId = user.GetUserId();
        var record = await db.IdempotencyKeys.AsNoTracking()
            .SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key, cancellationToken);
        return record is null
            ? ApiProblems.NotFound($"Idempotency key '{key}'")
            : TypedResults.Ok(IdempotencyKeyView.From(record, clock.GetUtcNow()));
    }
}
