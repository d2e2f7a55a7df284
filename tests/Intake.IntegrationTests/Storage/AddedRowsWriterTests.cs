using System.Text.Json.Nodes;
using Intake.IntegrationTests.Infrastructure;
using Intake.Persistence;
using Intake.Persistence.Entities;
using Intake.Persistence.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Intake.IntegrationTests.Storage;

/// <summary>
/// The submission path writes its rows with <see cref="AddedRowsWriter"/> instead of SaveChanges:
/// what it writes must be exactly what SaveChanges would have written, all or nothing, and it
/// must send nothing when it declines.
/// </summary>
public sealed class AddedRowsWriterTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    private const string User = "writer-user";

    [Fact]
    public async Task Every_column_it_writes_equals_what_SaveChanges_writes_for_the_same_values()
    {
        var now = new DateTimeOffset(2026, 12, 7, 10, 11, 12, 345, TimeSpan.Zero).AddTicks(6780);
        var (viaEf, viaWriter) = (Rows(now, 'a'), Rows(now, 'b'));
        using (RowSecurity.ForUser(User))
        {
            await using (var db = NewContext())
            {
                db.AddRange(viaEf.All);
                await db.SaveChangesAsync();
            }

            await using (var db = NewContext())
            {
                await db.Database.OpenConnectionAsync();
                db.AddRange(viaWriter.All);
                Assert.True(await AddedRowsWriter.TryInsertAsync(db, CancellationToken.None));
            }
        }

        // Every column, compared as the database stores it; only the keys differ by design.
        AssertSameRow(
            await RowAsync("documents", "id", viaEf.Document.Id, "id"),
            await RowAsync("documents", "id", viaWriter.Document.Id, "id"));
        AssertSameRow(
            await RowAsync("jobs", "id", viaEf.Job.Id, "id"),
            await RowAsync("jobs", "id", viaWriter.Job.Id, "id"));
        AssertSameRow(
            await RowAsync("idempotency_keys", "key", viaEf.Key.Key, "key"),
            await RowAsync("idempotency_keys", "key", viaWriter.Key.Key, "key"));
        AssertSameRow(
            await RowAsync("outbox_messages", "message_id", viaEf.Outbox.MessageId, "id", "message_id"),
            await RowAsync("outbox_messages", "message_id", viaWriter.Outbox.MessageId, "id", "message_id"));

        // The optional columns were set, so a column the writer left out would differ above.
        var job = await RowAsync("jobs", "id", viaWriter.Job.Id);
        Assert.Equal("lease-owner", job["lease_owner"]!.GetValue<string>());
        Assert.NotNull(job["progress"]);
    }

    [Fact]
    public async Task A_row_that_fails_leaves_none_of_the_batch_behind()
    {
        var now = DateTimeOffset.UtcNow;
        var first = Rows(now, 'c');
        var second = Rows(now, 'd');
        using (RowSecurity.ForUser(User))
        {
            await using (var db = NewContext())
            {
                db.Add(first.Outbox);
                await db.SaveChangesAsync();
            }

            // The last row of the batch repeats an outbox message id: a unique violation after
            // the document, the job and the key were sent.
            second.Outbox.MessageId = first.Outbox.MessageId;
            await using (var db = NewContext())
            {
                await db.Database.OpenConnectionAsync();
                db.AddRange(second.All);
                var failure = await Assert.ThrowsAsync<PostgresException>(() => AddedRowsWriter.TryInsertAsync(db, CancellationToken.None));
                Assert.Equal(PostgresErrorCodes.UniqueViolation, failure.SqlState);
            }
        }

        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM documents WHERE id = $1", second.Document.Id));
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM jobs WHERE id = $1", second.Job.Id));
        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM idempotency_keys WHERE key = $1", second.Key.Key));
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task It_declines_without_sending_anything_when_the_connection_is_not_open_or_a_row_is_not_new()
    {
        var now = DateTimeOffset.UtcNow;
        var rows = Rows(now, 'e');
        using (RowSecurity.ForUser(User))
        {
            // Not open: the lease has not applied the row-security identity yet.
            await using (var db = NewContext())
            {
                db.Add(rows.Job);
                Assert.False(await AddedRowsWriter.TryInsertAsync(db, CancellationToken.None));
            }

            await using (var db = NewContext())
            {
                db.Add(rows.Document);
                await db.SaveChangesAsync();
            }

            // A modified row beside a new one: SaveChanges must write both.
            await using (var db = NewContext())
            {
                await db.Database.OpenConnectionAsync();
                var document = await db.Documents.SingleAsync(d => d.Id == rows.Document.Id);
                document.Name = "renamed.txt";
                db.Add(rows.Job);
                Assert.False(await AddedRowsWriter.TryInsertAsync(db, CancellationToken.None));
            }
        }

        Assert.Equal(0, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM jobs"));
        Assert.Equal(1, await Stack.Postgres.ScalarAsync("SELECT count(*) FROM documents WHERE name = 'doc.txt'"));
    }

    private static IntakeDbContext NewContext()
    {
        var connectionString = IntakeConnectionString.WithDefaults(TestEnvironment.AppConnectionString);
        return new IntakeDbContext(new DbContextOptionsBuilder<IntakeDbContext>()
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(RowSecurityInterceptor.For(connectionString))
            .Options);
    }

    /// <summary>
    /// One row of each type the submission path writes, every optional column set; <paramref name="tag"/>
    /// makes the keys unique, and every other column is the same for every tag.
    /// </summary>
    private static StagedRows Rows(DateTimeOffset now, char tag)
    {
        var jobId = Guid.CreateVersion7(now);
        var referenced = new Guid("0193a0c4-7b1e-7000-8000-00000000abcd");
        return new StagedRows(
            new Document
            {
                Id = Guid.CreateVersion7(now),
                UserId = User,
                Name = "doc.txt",
                ContentType = "text/plain",
                Content = [1, 2, 3, 0, 255],
                SizeBytes = 5,
                Sha256 = new string('f', 64),
                CreatedAt = now,
                ChunkCount = 3,
                CharacterCount = 10,
                WordCount = 2,
                TokenCount = 4,
                PageCount = 1,
                ProcessedByJobId = referenced,
                ProcessedAt = now.AddSeconds(1),
            },
            new Job
            {
                Id = jobId,
                UserId = User,
                IdempotencyKey = "the-key",
                Type = "process-document",
                Status = JobStatuses.Queued,
                Attempts = 2,
                Request = """{"documentId":"x","chunkSize":500}""",
                Command = """{"jobId":"y"}""",
                Progress = """{"done":1}""",
                CancelRequested = true,
                LeaseOwner = "lease-owner",
                Result = """{"chunks":[1,2]}""",
                ErrorCode = "boom",
                ErrorMessage = "it broke",
                CreatedAt = now,
                StartedAt = now.AddSeconds(2),
                CompletedAt = now.AddSeconds(3),
                LeaseExpiresAt = now.AddSeconds(4),
            },
            new IdempotencyRecord
            {
                UserId = User,
                Key = $"key-{tag}",
                Fingerprint = "fingerprint",
                RequestMethod = "POST",
                RequestPath = "/v1/jobs/process-document",
                ResourceType = "process-document",
                ResourceId = referenced,
                ResponseStatus = 202,
                ResponseLocation = "/v1/jobs/here",
                ResponseBody = [123, 125],
                CreatedAt = now,
                ExpiresAt = now.AddDays(1),
            },
            new OutboxMessage
            {
                JobId = referenced,
                MessageId = Guid.CreateVersion7(now),
                MessageType = "Intake.Contracts.ProcessDocument",
                Destination = "process-document",
                Body = """{"jobId":"z"}""",
                CreatedAt = now,
                AvailableAt = now,
                SentAt = now.AddSeconds(5),
                Attempts = 1,
                LastError = "earlier failure",
                TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                TraceState = "vendor=value",
            });
    }

    /// <summary>The row as the database stores it (to_jsonb, read as the table owner), without <paramref name="dropped"/>.</summary>
    private async Task<JsonObject> RowAsync(string table, string keyColumn, object key, params string[] dropped)
    {
        await using var owner = new NpgsqlConnection(Stack.Postgres.ConnectionString);
        await owner.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT to_jsonb(t)::text FROM {table} t WHERE {keyColumn} = $1", owner)
        {
            Parameters = { new NpgsqlParameter { Value = key } },
        };
        var json = (string?)await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"no {table} row with {keyColumn} = {key}");
        var row = JsonNode.Parse(json)!.AsObject();
        foreach (var column in dropped)
        {
            Assert.True(row.Remove(column), $"{table} has no column {column}");
        }

        return row;
    }

    private static void AssertSameRow(JsonObject expected, JsonObject actual) =>
        Assert.Equal(expected.ToJsonString(), actual.ToJsonString());

    private sealed record StagedRows(Document Document, Job Job, IdempotencyRecord Key, OutboxMessage Outbox)
    {
        public object[] All => [Document, Job, Key, Outbox];
    }
}
