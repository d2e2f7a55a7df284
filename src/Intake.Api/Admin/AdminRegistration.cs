using Microsoft.AspNetCore.Authorization;

namespace Intake.Api.Admin;

public static class AdminRegistration
{
    /// <summary>The admin policy, the 403 problem, and replay/mismatch counting with its flusher.</summary>
    public static IHostApplicationBuilder AddIntakeAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<AdminOptions>(builder.Configuration.GetSection("Admin"));
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminPolicy.Name, policy => policy
            .RequireAuthenticatedUser()
            .RequireClaim(AdminPolicy.RoleClaim, AdminPolicy.AdminRole));
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemForbiddenHandler>();
        builder.Services.AddSingleton<IdempotencyOutcomeCounter>();
        builder.Services.AddSingleton<IdempotencyOutcomeFlusher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IdempotencyOutcomeFlusher>());
        builder.Services.AddScoped<IdempotencyStatsReader>();
        return builder;
    }
}
