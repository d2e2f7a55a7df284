using Intake.IntegrationTests.Infrastructure;
using Intake.Persistence.Entities;
using Intake.Persistence.Maintenance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Intake.IntegrationTests.Operations;

public sealed class RetentionSweeperTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task Expired_keys_old_inbox_rows_and_old_sent_outbox_rows_go_the_rest_stays()
    {
        var now = DateTimeOffset.UtcNow;
        var retention = Stack.Api.Services.GetRequiredService<IOptions<MaintenanceOptions>>().Value;
        await using (Stack.CreateScope(out var db))
        {
            for (var i = 0; i < 5; i++)
            {
                db.IdempotencyKeys.Add(Key($"expired-{i}", now.AddMinutes(-1 - i)));
            }

            db.IdempotencyKeys.Add(Key("live", now.AddHours(1)));
            db.InboxMessages.Add(Inbox(now - retention.InboxRetention - TimeSpan.FromMinutes(1)));
            db.InboxMessages.Add(Inbox(now.AddMinutes(-1)));
            db.OutboxMessages.Add(Outbox(now - retention.OutboxRetention - TimeSpan.FromMinutes(1), sent: true));
            db.OutboxMessages.Add(Outbox(now - retention.OutboxRetention - TimeSpan.FromMinutes(1), sent: false));
            db.OutboxMessages.Add(Outbox(now.AddMinutes(-1), sent: true));
            await db.SaveChangesAsync();
        }

        var result = await Sweeper(batchSize: 500).SweepOnceAsync();

        Assert.Equal(new SweepResult(KeysDeleted: 5, InboxDeleted: 1, OutboxDeleted: 1, Batches: 3), result);
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM idempotency_keys WHERE key = 'live'"));
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM idempotency_keys"));
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM inbox_messages"));
        Assert.Equal(2, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages"));
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"));
    }

    [Fact]
    public async Task Keys_are_deleted_in_batches_of_the_configured_size()
    {
        var now = DateTimeOffset.UtcNow;
        await using (Stack.CreateScope(out var db))
        {
            for (var i = 0; i < 5; i++)
            {
                db.IdempotencyKeys.Add(Key($"expired-{i}", now.AddMinutes(-1)));
            }

            await db.SaveChangesAsync();
        }

        var result = await Sweeper(batchSize: 2).SweepOnceAsync();

        // Keys: 2 + 2 + 1 (a short batch ends the loop); inbox and outbox: one empty batch each.
        Assert.Equal(5, result.KeysDeleted);
        Assert.Equal(3 + 1 + 1, result.Batches);
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM idempotency_keys"));
    }

    [Fact]
    public async Task A_key_a_request_has_locked_is_skipped_not_waited_for()
    {
        await using (Stack.CreateScope(out var db))
        {
            db.IdempotencyKeys.Add(Key("locked", DateTimeOffset.UtcNow.AddMinutes(-1)));
            db.IdempotencyKeys.Add(Key("free", DateTimeOffset.UtcNow.AddMinutes(-1)));
            await db.SaveChangesAsync();
        }

        await using var connection = new Npgsql.NpgsqlConnection(Stack.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockRow = new Npgsql.NpgsqlCommand("SELECT 1 FROM idempotency_keys WHERE key = 'locked' FOR UPDATE", connection, transaction))
        {
            await lockRow.ExecuteScalarAsync();
        }

        var result = await Sweeper(batchSize: 10).SweepOnceAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, result.KeysDeleted);
        await transaction.RollbackAsync();
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM idempotency_keys WHERE key = 'locked'"));
    }

    private RetentionSweeper Sweeper(int batchSize) => new(
        Stack.Api.Services.GetRequiredService<IServiceScopeFactory>(),
        Options.Create(new MaintenanceOptions { BatchSize = batchSize }),
        TimeProvider.System);

    private static IdempotencyRecord Key(string key, DateTimeOffset expiresAt) => new()
    {
        UserId = "alice",
        Key = key,
        Fingerprint = new string('0', 64),
        RequestMethod = "POST",
        RequestPath = "/v1/documents",
        ResourceType = "document",
        ResourceId = Guid.NewGuid(),
        ResponseStatus = 201,
        ResponseBody = [],
        CreatedAt = expiresAt.AddHours(-24),
        ExpiresAt = expiresAt,
    };

    private static InboxMessage Inbox(DateTimeOffset processedAt) => new()
    {
        UserId = "alice",
        JobId = Guid.NewGuid(),
        Consumer = "test",
        ProcessedAt = processedAt,
    };

    private static OutboxMessage Outbox(DateTimeOffset createdAt, bool sent) => new()
    {
        MessageId = Guid.NewGuid(),
        MessageType = "test",
        Destination = "test",
        Body = "{}",
        CreatedAt = createdAt,
        AvailableAt = sent ? createdAt : DateTimeOffset.UtcNow.AddDays(1),
        SentAt = sent ? createdAt : null,
    };
}
