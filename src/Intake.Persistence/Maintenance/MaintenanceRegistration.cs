using Intake.Persistence.Maintenance;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Intake.Persistence;

public static class MaintenanceRegistration
{
    /// <summary>
    /// Deletes expired keys and old inbox/outbox rows (run by the API). Refuses to start when the
    /// inbox retention is not longer than the longest redelivery delay.
    /// </summary>
    public static IHostApplicationBuilder AddMaintenance(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Maintenance");
        var options = section.Get<MaintenanceOptions>() ?? new MaintenanceOptions();
        RedeliveryWindow.EnsureInboxOutlives(options, builder.Configuration);
        if (options.BatchSize < 1 || options.KeyCleanupInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Maintenance:BatchSize must be at least 1 and Maintenance:KeyCleanupInterval positive.");
        }

        builder.Services.Configure<MaintenanceOptions>(section);
        builder.Services.AddSingleton<RetentionSweeper>();
        builder.Services.AddHostedService<RetentionCleanup>();
        return builder;
    }
}
