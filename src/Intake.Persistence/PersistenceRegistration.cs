using Intake.Persistence.Inbox;
using Intake.Persistence.Maintenance;
using Intake.Persistence.Outbox;
using Intake.Persistence.Security;
using Intake.ServiceDefaults.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Intake.Persistence;

public static class PersistenceRegistration
{
    /// <summary>
    /// The DbContext, the clock and a readiness check on the database. ConnectionStrings:Intake is
    /// the application role (not the table owner): every connection gets the flow's
    /// <see cref="RowSecurity"/> identity.
    /// </summary>
    public static IHostApplicationBuilder AddIntakePersistence(this IHostApplicationBuilder builder)
    {
        var connectionString = IntakeConnectionString.WithDefaults(builder.Configuration.GetConnectionString("Intake")
            ?? throw new InvalidOperationException("ConnectionStrings:Intake is not configured."));
        var rowSecurity = RowSecurityInterceptor.For(connectionString);

        builder.Services.AddDbContextPool<IntakeDbContext>(options => options
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(rowSecurity)
            .ConfigureWarnings(warnings => warnings.Log(
                // EF logs a failed command at Error before its exception reaches the code that
                // handles it. Key races the API answers (a unique violation → the winner's replay,
                // a lock timeout → 409) are not failures; a real failure still propagates and is
                // logged, with its exception, where it is handled (ASP.NET Core's exception handler,
                // MassTransit's retry and fault logs, the relay's loop, the sweeps).
                (RelationalEventId.CommandError, LogLevel.Information),
                (CoreEventId.SaveChangesFailed, LogLevel.Information))));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("postgresql", tags: ["ready"]);
        return builder;
    }

    /// <summary>The relay that sends committed outbox rows to the broker (run by the API).</summary>
    public static IHostApplicationBuilder AddOutboxRelay(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<OutboxOptions>(builder.Configuration.GetSection("Outbox"));
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.TryAddSingleton<IntakeMetrics>();
        builder.Services.TryAddSingleton<OutboxBacklogMonitor>();
        builder.Services.AddHealthChecks()
            .AddCheck<OutboxHealthCheck>("outbox", failureStatus: HealthStatus.Degraded, tags: ["ready"]);
        builder.Services.AddHostedService<OutboxRelay>();
        return builder;
    }

    /// <summary>The inbox through which workers execute each job exactly once.</summary>
    public static IHostApplicationBuilder AddInbox(this IHostApplicationBuilder builder)
    {
        var retrySpan = RedeliveryWindow.LongestRetrySpan(builder.Configuration);
        builder.Services.AddOptions<InboxOptions>()
            .Bind(builder.Configuration.GetSection("Inbox"))
            .Validate(o => o.QueuedResendAfter > retrySpan,
                $"Inbox:QueuedResendAfter must be longer than the longest in-memory retry span ({retrySpan}, the largest " +
                "Workers:<Kind>:RetryMaxInterval × RetryLimit): a command still being retried would otherwise be sent again.")
            .ValidateOnStart();
        builder.Services.AddScoped<JobExecutor>();
        if (builder.Configuration.GetValue<TimeSpan?>("FaultInjection:DelayBeforeCommit") is { } delay)
        {
            builder.Services.TryAddSingleton<IJobFaultInjector>(new DelayBeforeCommitFaults(delay));
        }

        builder.Services.TryAddSingleton<IJobFaultInjector, NoJobFaults>();
        builder.Services.AddHostedService<ExpiredLeaseRecovery>();
        builder.Services.AddHostedService<LostCommandRecovery>();
        return builder;
    }

    /// <summary>
    /// The DbContext of the migrator: ConnectionStrings:IntakeMigrations, the role that owns the
    /// tables. Row-level security does not bind the owner, so no identity is set here.
    /// </summary>
    public static IHostApplicationBuilder AddIntakeMigrations(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("IntakeMigrations")
            ?? throw new InvalidOperationException("ConnectionStrings:IntakeMigrations is not configured.");
        builder.Services.AddDbContext<IntakeDbContext>(options => options
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention());
        return builder;
    }
}
