using System.Diagnostics;
using Intake.IntegrationTests.Infrastructure;
using Intake.Persistence.Outbox;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Intake.IntegrationTests.Messaging;

/// <summary>
/// The relay's two lanes under load: a commit that wakes the idle lane while the other lane's
/// batch is in flight waits the coalescing delay, so the commits behind it share one claim (one
/// transaction) instead of a claim each; a commit that finds the relay idle is claimed at once.
/// The in-flight batch is held open by a send observer on the real bus, so "in flight" does not
/// depend on timing.
/// </summary>
public sealed class RelayCoalescingTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    private static readonly TimeSpan CoalesceDelay = TimeSpan.FromSeconds(2);
    private const int CommitsBehind = 5;

    [Fact]
    public async Task Commits_that_arrive_while_a_batch_is_in_flight_share_one_claim()
    {
        var shared = Stack.Api.Services.GetServices<IHostedService>().OfType<OutboxRelay>().Single();
        await shared.StopAsync(CancellationToken.None);
        var bus = Stack.Api.Services.GetRequiredService<IBus>();
        var held = new HeldSend();
        var observer = bus.ConnectSendObserver(held);
        OutboxRelay? relay = null;
        try
        {
            // A relay woken only by this test's signal (the API's commits wake the API's relay).
            var signal = new OutboxSignal();
            var settings = new OutboxOptions
            {
                MaxConcurrentBatches = 2,
                CoalesceDelay = CoalesceDelay,
                PollInterval = TimeSpan.FromHours(1),
            };
            relay = ActivatorUtilities.CreateInstance<OutboxRelay>(Stack.Api.Services, signal, Options.Create(settings));
            await relay.StartAsync(CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(1)); // both lanes' first (empty) pass, then idle

            // The relay is idle: the first commit is claimed at once, and its send is held there.
            var first = await CommitAsync();
            held.Hold(first);
            var woken = Stopwatch.StartNew();
            signal.Notify();
            await held.Started.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(woken.Elapsed < CoalesceDelay, $"an idle relay claimed after {woken.Elapsed}, not at once");

            // Commits behind the held batch, each waking the relay as the API's commits do.
            var behind = new List<Guid>();
            for (var i = 0; i < CommitsBehind; i++)
            {
                behind.Add(await CommitAsync());
                signal.Notify();
            }

            await Task.Delay(CoalesceDelay + TimeSpan.FromSeconds(1));
            held.Release();
            await WaitUntilSentAsync(CommitsBehind + 1);

            var batches = await Stack.Postgres.ScalarAsync(
                "SELECT count(DISTINCT sent_at) FROM outbox_messages WHERE message_id = ANY($1)", behind.ToArray());
            Assert.Equal(1, batches);
        }
        finally
        {
            held.Release();
            observer.Disconnect();
            if (relay is not null)
            {
                await relay.StopAsync(CancellationToken.None);
            }

            await shared.StartAsync(CancellationToken.None);
        }
    }

    private async Task<Guid> CommitAsync()
    {
        await using var scope = Stack.CreateScope(out var db);
        var message = OrphanJobs.Add(db, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return message.MessageId;
    }

    private async Task WaitUntilSentAsync(int rows)
    {
        var deadline = Stopwatch.StartNew();
        while (await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NOT NULL") < rows)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), "the relay did not send every committed row");
            await Task.Delay(50);
        }
    }

    /// <summary>Holds the send of one message id until released; every other send passes.</summary>
    private sealed class HeldSend : ISendObserver
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Guid? _messageId;

        public Task Started => _started.Task;

        public void Hold(Guid messageId) => _messageId = messageId;

        public void Release() => _released.TrySetResult();

        public async Task PreSend<T>(SendContext<T> context)
            where T : class
        {
            if (context.MessageId == _messageId)
            {
                _started.TrySetResult();
                await _released.Task;
            }
        }

        public Task PostSend<T>(SendContext<T> context)
            where T : class => Task.CompletedTask;

        public Task SendFault<T>(SendContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }
}
