using Intake.Persistence.Security;

namespace Intake.Api.Auth;

public static class RowSecurityMiddleware
{
    /// <summary>
    /// Runs the rest of the request's database work as the authenticated caller (`sub`), so
    /// PostgreSQL's row-level security shows it only its own rows, whatever a query forgets to
    /// filter. Anonymous requests get no identity and see no user's rows.
    /// </summary>
    public static IApplicationBuilder UseRowSecurityForCaller(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                await next(context);
                return;
            }

            using var rowSecurity = RowSecurity.ForUser(context.User.GetUserId());
            await next(context);
        });
}
