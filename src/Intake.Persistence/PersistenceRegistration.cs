using Intake.Persistence.Inbox;
using Intake.Persistence.Outbox;
using Intake.ServiceDefaults.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Intake.Persistence;

public static class PersistenceRegistration
{
    /// <summary>The DbContext, the clock and a readiness check on the database.</summary>
    public static IHostApplicationBuilder AddIntakePersistence(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Intake")
            ?? throw new InvalidOperationException("ConnectionStrings:Intake is not configured.");

        builder.Services.AddDbContextPool<IntakeDbContext>(options => options
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention());
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
        builder.Services.Configure<InboxOptions>(builder.Configuration.GetSection("Inbox"));
        builder.Services.AddScoped<JobExecutor>();
        if (builder.Configuration.GetValue<TimeSpan?>("FaultInjection:DelayBeforeCommit") is { } delay)
        {
            builder.Services.TryAddSingleton<IJobFaultInjector>(new DelayBeforeCommitFaults(delay));
        }

        builder.Services.TryAddSingleton<IJobFaultInjector, NoJobFaults>();
        builder.Services.AddHostedService<ExpiredLeaseRecovery>();
        return builder;
    }
}
