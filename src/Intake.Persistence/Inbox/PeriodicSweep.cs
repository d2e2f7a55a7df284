using Intake.Persistence.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Intake.Persistence.Inbox;

/// <summary>
/// The loop every worker-side sweep shares: run once at start-up, then every interval; a failed
/// pass (the database briefly away) is logged and retried at the next one, never ends the loop.
/// Each pass runs across all users (the system scope) in one transaction of its own DbContext.
/// </summary>
public abstract partial class PeriodicSweep(IServiceScopeFactory scopeFactory, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The clock of the sweep, for its own "now" as well.</summary>
    protected TimeProvider Clock => clock;

    /// <summary>
    /// Runs <paramref name="pass"/> (given the context and the pass's "now") in the system scope and
    /// one transaction, then saves and commits what it staged; returns the pass's count.
    /// </summary>
    protected async Task<int> InSystemTransactionAsync(
        Func<IntakeDbContext, DateTimeOffset, Task<int>> pass, CancellationToken cancellationToken)
    {
        using var rowSecurity = RowSecurity.ForSystem(); // sweeps are cross-user by nature
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var count = await pass(db, clock.GetUtcNowForDatabase());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

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
