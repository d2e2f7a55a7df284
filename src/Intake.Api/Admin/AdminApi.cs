using Microsoft.AspNetCore.Http.HttpResults;

namespace Intake.Api.Admin;

/// <summary>Operator routes; every one needs the admin role.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/admin").RequireAuthorization(AdminPolicy.Name).WithTags("Admin");
        group.MapGet("/stats", GetStats);
        return group;
    }

    /// <summary>
    /// Key, replay/mismatch and in-flight statistics from v_idempotency_stats. This instance's
    /// unwritten counts are flushed first, so its own traffic is never missing; other instances'
    /// counts are at most one flush interval behind.
    /// </summary>
    public static async Task<Ok<IdempotencyStats>> GetStats(
        IdempotencyOutcomeFlusher flusher, IdempotencyStatsReader reader, CancellationToken cancellationToken)
    {
        await flusher.FlushAsync(cancellationToken);
        return TypedResults.Ok(await reader.ReadAsync(cancellationToken));
    }
}
