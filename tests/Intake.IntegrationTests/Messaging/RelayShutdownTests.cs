using Intake.IntegrationTests.Infrastructure;
using Intake.Persistence.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Intake.IntegrationTests.Messaging;

public sealed class RelayShutdownTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    private const int Rows = 150;

    [Fact]
    public async Task On_shutdown_the_relay_sends_everything_already_committed()
    {
        var shared = Stack.Api.Services.GetServices<IHostedService>().OfType<OutboxRelay>().Single();
        await shared.StopAsync(CancellationToken.None);
        try
        {
            // A relay of the API's own making that polls hourly: after its first (empty) pass only
            // its shutdown drain can send rows committed behind its back (no wake-up signal, as
            // when another replica or a crashed process committed them).
            var settings = Stack.Api.Services.GetRequiredService<IOptions<OutboxOptions>>().Value;
            var hourly = new OutboxOptions { BatchSize = settings.BatchSize, SendTimeout = settings.SendTimeout, PollInterval = TimeSpan.FromHours(1) };
            var relay = ActivatorUtilities.CreateInstance<OutboxRelay>(Stack.Api.Services, Options.Create(hourly));
            await relay.StartAsync(CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(1));

            await using (var scope = Stack.CreateScope(out var db))
            {
                var now = DateTimeOffset.UtcNow;
                for (var i = 0; i < Rows; i++)
                {
                    OrphanJobs.Add(db, now);
                }

                await db.SaveChangesAsync();
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(Rows, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"));

            await relay.StopAsync(CancellationToken.None);

            Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"));
        }
        finally
        {
            await shared.StartAsync(CancellationToken.None);
        }
    }
}
