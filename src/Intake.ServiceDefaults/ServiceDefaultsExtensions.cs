using Intake.ServiceDefaults.Telemetry;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Intake.ServiceDefaults;

/// <summary>Setup that the API and every worker share: problem details, health and the bus.</summary>
public static class ServiceDefaultsExtensions
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        builder.AddIntakeTelemetry();

        // On SIGTERM in-flight jobs get the grace period to finish (see AddIntakeBus); the host
        // waits a little longer so that the bus can still stop cleanly after cancelling the rest.
        var grace = ShutdownGrace(builder.Configuration);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = grace + StopMargin);
        return builder;
    }

    /// <summary>
    /// MassTransit on RabbitMQ, configured from the "RabbitMq" section. The caller registers its
    /// consumers (workers) or none (the API only sends, through the outbox relay).
    /// </summary>
    public static IHostApplicationBuilder AddIntakeBus(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator>? configureConsumers = null)
    {
        var section = builder.Configuration.GetSection("RabbitMq");
        var rabbit = section.Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        builder.Services.Configure<RabbitMqOptions>(section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<BusStartWatchdog>();

        // Graceful shutdown: receive endpoints stop taking messages at once; consumers still running
        // after the grace period are cancelled, their transactions roll back and their messages,
        // never acknowledged, are redelivered to another worker.
        var grace = ShutdownGrace(builder.Configuration);
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.ConsumerStopTimeout = grace;
            o.StopTimeout = grace + StopMargin;
        });

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            configureConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, host =>
                {
                    host.Username(rabbit.Username);
                    host.Password(rabbit.Password);

                    // Sends complete only once the broker has confirmed them: the outbox marks a
                    // row sent after that, never before.
                    host.PublisherConfirmation = true;
                });
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>Time given to in-flight work on SIGTERM: <c>Shutdown:GracePeriod</c>, 30 s by default.</summary>
    public static TimeSpan ShutdownGrace(IConfiguration configuration) =>
        configuration.GetValue<TimeSpan?>("Shutdown:GracePeriod") ?? TimeSpan.FromSeconds(30);

    private static readonly TimeSpan StopMargin = TimeSpan.FromSeconds(5);

    /// <summary>/health/live (the process answers), /health/ready (database and broker reachable) and /metrics.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResultStatusCodes =
            {
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded] = StatusCodes.Status200OK,
            },
        });
        app.MapIntakeMetrics();
        return app;
    }
}
