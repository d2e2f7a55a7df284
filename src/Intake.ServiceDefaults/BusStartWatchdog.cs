using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Intake.ServiceDefaults;

/// <summary>
/// Ends the process when the bus has not started within <see cref="RabbitMqOptions.StartTimeout"/>.
/// MassTransit starts the bus in the background and normally retries until the broker answers,
/// but the chaos suite caught a worker started while RabbitMQ was half-way through stopping whose
/// bus stayed "not started" for ten minutes without a single log line: alive, healthy to a
/// liveness probe, and never consuming. Exiting (code <see cref="ExitCode"/>) turns that into
/// something a supervisor handles — docker-compose's restart policy, Kubernetes, the chaos suite.
/// Once the bus has started, reconnecting after an outage is MassTransit's job and this is done.
/// </summary>
public sealed partial class BusStartWatchdog(
    IBusControl bus,
    IOptions<RabbitMqOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<BusStartWatchdog> logger) : BackgroundService
{
    /// <summary>EX_TEMPFAIL: a temporary failure, try again (sysexits.h).</summary>
    public const int ExitCode = 75;

    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timeout = options.Value.StartTimeout;
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        var started = clock.GetTimestamp();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var health = bus.CheckHealth();
                if (health.Status != BusHealthStatus.Unhealthy)
                {
                    return;
                }

                if (clock.GetElapsedTime(started) >= timeout)
                {
                    LogNotStarted(timeout, health.Description);
                    Environment.ExitCode = ExitCode;
                    lifetime.StopApplication();
                    return;
                }

                await Task.Delay(Probe, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before the bus started: nothing to watch any more.
        }
    }

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "The message bus did not start within {Timeout} ({Health}); stopping so that the supervisor restarts this process")]
    private partial void LogNotStarted(TimeSpan timeout, string health);
}
