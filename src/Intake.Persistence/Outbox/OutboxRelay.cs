using System.Diagnostics;
using System.Text.Json;
using Intake.Persistence.Entities;
using Intake.Persistence.Security;
using Intake.ServiceDefaults.Telemetry;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Intake.Persistence.Outbox;

/// <summary>
/// Sends committed outbox rows to the broker. Each batch is claimed with FOR UPDATE SKIP LOCKED,
/// so several API instances can relay side by side without sending a row twice concurrently; the
/// rows stay locked until the broker has confirmed every send and the rows are marked sent in the
/// same transaction. A crash after a confirm but before that commit re-sends the row later, which
/// is why the workers' inbox, not the relay, is what makes execution exactly-once.
/// </summary>
public sealed partial class OutboxRelay(
    IServiceScopeFactory scopeFactory,
    IBus bus,
    OutboxSignal signal,
    OutboxBacklogMonitor backlog,
    IntakeMetrics metrics,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;

        // Several lanes, each relaying whole batches: while one waits for its confirms (a broker
        // round trip) and commits, another claims and sends the next rows. Each commit wakes one
        // idle lane, so at low load a second commit does not wait behind the first one's batch.
        var lanes = Enumerable.Range(0, Math.Max(1, settings.MaxConcurrentBatches))
            .Select(_ => Task.Run(() => RunLaneAsync(settings, stoppingToken), CancellationToken.None));
        await Task.WhenAll(lanes);

        await DrainAsync(settings);
    }

    // Lanes that are claiming, sending or committing a batch, or waiting to claim one. A lane
    // woken while another is busy knows the relay is under load.
    private int _busyLanes;

    private async Task RunLaneAsync(OutboxOptions settings, CancellationToken stoppingToken)
    {
        var failuresInARow = 0;
        var coalesce = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            int claimed;
            Interlocked.Increment(ref _busyLanes);
            try
            {
                if (coalesce)
                {
                    // The relay is busy: wait a moment so that this claim takes several commits'
                    // rows in one transaction instead of one transaction per commit.
                    await DelayAsync(settings.CoalesceDelay, stoppingToken);
                }

                // Not tied to stoppingToken: a batch that has started is finished (or timed out)
                // rather than abandoned mid-send on shutdown.
                claimed = await RelayBatchAsync(settings, CancellationToken.None);

                // Keeps the backlog gauges current; queries only when the cached count is stale.
                await backlog.GetAsync(CancellationToken.None);
                failuresInARow = 0;
            }
            catch (Exception exception)
            {
                // The rows stay unsent and are claimed again; the loop must outlive a database
                // or broker outage, so the failure is logged and the next try is backed off.
                failuresInARow++;
                LogBatchFailed(exception, failuresInARow);
                claimed = -1;
            }
            finally
            {
                Interlocked.Decrement(ref _busyLanes);
            }

            coalesce = false;
            if (claimed < 0)
            {
                await DelayAsync(RetryDelay(failuresInARow, settings), stoppingToken);
                continue;
            }

            if (claimed == settings.BatchSize)
            {
                // A backlog: claim the next full batch at once.
                continue;
            }

            // A notification already pending means commits arrived while every lane was busy;
            // otherwise this lane waits for the next commit (or the fallback poll) and, if another
            // lane is busy when it wakes, the relay is under load as well. An idle relay claims at
            // once, so the happy path has no added delay.
            var underLoad = signal.TryConsume();
            if (!underLoad)
            {
                try
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    // Shutting down while idle (the usual case): fall through to the drain.
                    break;
                }

                underLoad = Volatile.Read(ref _busyLanes) > 0;
            }

            coalesce = underLoad && settings.CoalesceDelay > TimeSpan.Zero;
        }
    }

    /// <summary>On shutdown, sends what is already committed, within one send timeout.</summary>
    private async Task DrainAsync(OutboxOptions settings)
    {
        using var deadline = new CancellationTokenSource(settings.SendTimeout);
        try
        {
            while (!deadline.IsCancellationRequested && await RelayBatchAsync(settings, deadline.Token) > 0)
            {
            }
        }
        catch (Exception exception)
        {
            // Whatever is left stays in the outbox for the next relay to send.
            LogBatchFailed(exception, 1);
        }
    }

    /// <summary>Claims, sends and marks one batch. Returns how many rows it claimed.</summary>
    public async Task<int> RelayBatchAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var leaseStart = await RowSecurityInterceptor.OpenDeferringLeaseStartAsync(db, cancellationToken);
        var claim = new OutboxClaim((NpgsqlConnection)db.Database.GetDbConnection());
        await claim.ClaimAsync(leaseStart, clock.GetUtcNow(), settings.BatchSize, cancellationToken);
        var batch = claim.Messages;
        if (batch.Count == 0)
        {
            await claim.CommitAsync([], clock.GetUtcNow(), [], cancellationToken);
            return 0;
        }

        if (batch.Count == settings.BatchSize && settings.MaxConcurrentBatches > 1)
        {
            // A full batch means a backlog: wake an idle lane to claim the next rows now, while
            // this batch is being sent, rather than on its next poll.
            signal.Notify();
        }

        using var sendTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        sendTimeout.CancelAfter(settings.SendTimeout);
        var failures = await Task.WhenAll(batch.Select(message => SendAsync(message, sendTimeout.Token)));

        var sentAt = clock.GetUtcNow();
        var sentIds = new List<long>(batch.Count);
        var failed = new List<OutboxMessage>();
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i];
            if (failures[i] is { } failure)
            {
                message.Attempts++;
                message.LastError = Truncate(failure.Message, 2000);
                message.AvailableAt = sentAt + RetryDelay(message.Attempts, settings);
                failed.Add(message);
                LogSendFailed(failure, message.Id, message.Destination, message.Attempts);
            }
            else
            {
                sentIds.Add(message.Id);
            }
        }

        await claim.CommitAsync(sentIds, sentAt, failed, cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            if (failures[i] is null)
            {
                metrics.Published(batch[i].Destination, sentAt - batch[i].CreatedAt);
            }
        }

        return batch.Count;
    }

    private async Task<Exception?> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var activity = OutboxTraceContext.StartPublish(message);
        try
        {
            var type = OutboxMessageTypes.Resolve(message.MessageType);
            var command = JsonSerializer.Deserialize(message.Body, type, IntakeJson.Options)
                ?? throw new InvalidOperationException($"Outbox row {message.Id} has an empty body.");
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{message.Destination}"));

            // The row's id becomes the message id, so every re-send is recognisably the same message.
            // With publisher confirms on (MassTransit's default), this completes once the broker has it.
            await endpoint.Send(command, type, Pipe.Execute<SendContext>(context => context.MessageId = message.MessageId), cancellationToken);
            return null;
        }
        catch (Exception exception)
        {
            // Recorded on the row (attempts, last_error, backoff) by the caller, and logged there.
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            return exception;
        }
    }

    private static TimeSpan RetryDelay(int attempts, OutboxOptions settings)
    {
        var exponential = TimeSpan.FromMilliseconds(250 * Math.Pow(2, Math.Min(attempts - 1, 16)));
        var capped = exponential < settings.MaxRetryDelay ? exponential : settings.MaxRetryDelay;
        // Jitter spreads the retries of many rows (and many relays) after an outage.
        return capped * (0.5 + Random.Shared.NextDouble() / 2);
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, clock, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox relay batch failed ({FailuresInARow} in a row); retrying")]
    private partial void LogBatchFailed(Exception exception, int failuresInARow);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {OutboxId} to {Destination} not sent (attempt {Attempts}); will retry")]
    private partial void LogSendFailed(Exception exception, long outboxId, string destination, int attempts);
}
