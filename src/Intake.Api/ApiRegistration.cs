using Intake.Api.Idempotency;
using Intake.Persistence;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Intake.Api;

public static class ApiRegistration
{
    /// <summary>The API's own services: idempotent submission and JSON settings.</summary>
    public static IHostApplicationBuilder AddIntakeApi(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<IdempotencyOptions>(builder.Configuration.GetSection("Idempotency"));
        builder.Services.AddSingleton<SubmissionReader>();
        builder.Services.AddScoped<IdempotentSubmission>();
        builder.Services.AddSingleton<CommitCrashInjector>();

        // Kestrel's socket transport ("Kestrel:Sockets", e.g. UnsafePreferInlineScheduling): for
        // before/after measurements without a rebuild (BENCHMARKS.md); nothing is set by default.
        builder.Services.Configure<SocketTransportOptions>(builder.Configuration.GetSection("Kestrel:Sockets"));
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            // Responses are written with the same settings as the stored (replayed) bodies.
            options.SerializerOptions.PropertyNamingPolicy = IntakeJson.Options.PropertyNamingPolicy;
        });
        return builder;
    }
}
