using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Intake.ServiceDefaults.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>MassTransit's ActivitySource and Meter (8.x reports through System.Diagnostics).</summary>
    private const string MassTransitSource = "MassTransit";

    /// <summary>
    /// Traces (ASP.NET Core, HttpClient, Npgsql, MassTransit, ours), metrics (the same plus the
    /// runtime, exported for Prometheus) and, when `Telemetry:Otlp:Endpoint` is set, OTLP export
    /// of traces, metrics and logs. Without an endpoint spans are still created, so the trace
    /// context reaches the outbox and the broker and a collector downstream sees whole traces.
    /// </summary>
    public static IHostApplicationBuilder AddIntakeTelemetry(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.TryAddSingleton<IntakeMetrics>();

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                settings.ServiceName ?? builder.Environment.ApplicationName,
                serviceInstanceId: $"{Environment.MachineName}/{Environment.ProcessId}"))
            .WithTracing(tracing => tracing
                .AddSource(IntakeTelemetry.Name, MassTransitSource)
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !IsPlumbing(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(IntakeTelemetry.Name, MassTransitSource)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter());

        if (!string.IsNullOrWhiteSpace(settings.Otlp.Endpoint))
        {
            var protocol = settings.Otlp.Protocol.Trim().ToLowerInvariant() switch
            {
                "grpc" => OtlpExportProtocol.Grpc,
                "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
                var other => throw new InvalidOperationException(
                    $"Telemetry:Otlp:Protocol must be grpc or http/protobuf; got '{other}'."),
            };

            // Logs go out only with an exporter; they carry their scopes (job id, key hash, …).
            telemetry
                .WithLogging(configureBuilder: null, configureOptions: options =>
                {
                    options.IncludeScopes = true;
                    options.IncludeFormattedMessage = true;
                })
                .UseOtlpExporter(protocol, new Uri(settings.Otlp.Endpoint));
        }

        return builder;
    }

    /// <summary>GET /metrics in the Prometheus text format (no auth: scrape it from inside the network).</summary>
    public static WebApplication MapIntakeMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint();
        return app;
    }

    /// <summary>Probes and scrapes would drown the request traces.</summary>
    private static bool IsPlumbing(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
