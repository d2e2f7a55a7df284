using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Intake.Persistence.Inbox;

/// <summary>
/// The loop every worker-side sweep shares: run once at start-up, then every interval; a failed
/// pass (the database briefly away) is logged and retried at the next one, never ends the loop.
/// </summary>
public abstract partial class PeriodicSweep(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The clock of the sweep, for its own "now" as well.</summary>
    protected TimeProvider Clock => clock;

    protected abstract TimeSpan Interval { get; }

    protected abstract Task SweepOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(exception, GetType().Name);
            }

            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Sweep} failed; retrying at the next interval")]
    private partial void LogSweepFailed(Exception exception, string sweep);
}
