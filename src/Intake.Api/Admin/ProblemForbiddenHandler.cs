using Intake.Api.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Intake.Api.Admin;

/// <summary>
/// An authenticated caller who fails a policy (a user without the admin role on /v1/admin) gets a
/// 403 problem with a stable type instead of the bare status the default handler writes.
/// Challenges (no or a bad token) still go to the bearer handler's 401 problem.
/// </summary>
public sealed class ProblemForbiddenHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            await ApiProblems.Forbidden("This route needs a token with the admin role.").ExecuteAsync(context);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
