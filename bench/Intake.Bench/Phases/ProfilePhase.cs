using System.Diagnostics;
using Intake.Bench.Api;
using Intake.Bench.Baseline;
using Intake.Bench.Profile;
using Intake.Bench.Results;
using Intake.Bench.Ui;
using Npgsql;

namespace Intake.Bench.Phases;

/// <summary>
/// Where the time goes in one request, at concurrency 1, against an API started for this purpose
/// (scripts/bench.sh sets log_min_duration_statement = 0 on the benchmark database first, so
/// every statement of that API's fresh connections is logged with its server time). Timings here
/// are inflated by the logging and tracing: use the counts, and the server-vs-client split.
/// </summary>
public sealed class ProfilePhase(PhaseContext context)
{
    public async Task<int> RunAsync(int requests, string? postgresLog, int? apiPid, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var tag = settings.RunTag;
        var notes = new List<string>();
        var user = (await context.Users.CreateAsync([$"profile-{tag}"], 600, cancellationToken))[0];
        var replayKey = $"profile-rp-{tag}";
        var first = await context.Api.SubmitAsync(user, replayKey, cancellationToken);
        if (first.Status != 202)
        {
            Say.Error($"profile setup: {first.Describe()}");
            return 1;
        }

        var operations = new (string Name, Func<long, Task<ApiResponse>> Send, int Expected)[]
        {
            (Scenarios.SubmitNew, n => context.Api.SubmitAsync(user, $"profile-sn-{tag}-{n}", cancellationToken), 202),
            (Scenarios.SubmitNoKey, _ => context.Api.SubmitAsync(user, null, cancellationToken), 202),
            (Scenarios.Replay, _ => context.Api.SubmitAsync(user, replayKey, cancellationToken), 202),
            (Scenarios.Status, _ => context.Api.GetByKeyAsync(user, replayKey, cancellationToken), 200),
        };

        // Warm-up: JIT, pools, caches.
        var pause = TimeSpan.FromMilliseconds(settings.Smoke ? 200 : 1000);
        for (var n = 0; n < (settings.Smoke ? 3 : 30); n++)
        {
            foreach (var operation in operations)
            {
                await operation.Send(-1 - n);
            }
        }

        var logReadable = postgresLog is not null && File.Exists(postgresLog);
        if (!logReadable)
        {
            notes.Add("PostgreSQL log not available: statement counts and server times were not measured.");
        }

        var tracer = apiPid is { } pid && RoundTripTracer.Available
            ? new RoundTripTracer(pid, new NpgsqlConnectionStringBuilder(settings.ConnectionString).Port, settings.WorkDirectory)
            : null;
        if (tracer is null)
        {
            notes.Add("strace or the API pid not available: round trips were not counted.");
        }

        var segments = new List<ProfileSegment>();
        var background = new List<LogStatement>();
        var errors = 0;
        foreach (var operation in operations)
        {
            await Task.Delay(pause, cancellationToken);
            var offset = logReadable ? PgLogParser.Length(postgresLog!) : 0;
            if (tracer is not null)
            {
                await tracer.StartAsync(operation.Name);
            }

            var clock = Stopwatch.StartNew();
            for (var n = 0; n < requests; n++)
            {
                var response = await operation.Send(n);
                if (response.Status != operation.Expected)
                {
                    errors++;
                    Say.Error($"profile {operation.Name}: {response.Describe()}");
                }
            }

            var clientMs = clock.Elapsed.TotalMilliseconds / requests;
            await Task.Delay(pause / 2, cancellationToken);
            var trips = tracer is null ? null : await tracer.StopAsync(requests);
            var (requestStatements, relayStatements) = StatementGroups.Split(
                logReadable ? PgLogParser.Read(postgresLog!, offset, settings.Database) : []);
            background.AddRange(relayStatements);
            segments.Add(Segment(operation.Name, requests, clientMs, requestStatements, trips));
            Say.Line($"profile {operation.Name}: {segments[^1].StatementsPerRequest:F1} statements, " +
                     $"{segments[^1].RoundTripsPerRequest?.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) ?? "?"} round trips, " +
                     $"server {segments[^1].ServerMsPerRequest:F3} ms of {clientMs:F2} ms per request");
        }

        var explains = await ExplainAsync(user, replayKey, Guid.Parse(first.JobId!), cancellationToken);
        var result = new ProfileResult(segments, Group(background, Math.Max(1, requests)), explains, notes);
        await ResultFiles.WriteAsync(settings.ResultsDirectory, ResultFiles.Profile, result);
        return errors == 0 ? 0 : 1;
    }

    private static ProfileSegment Segment(string name, int requests, double clientMs, IReadOnlyList<LogStatement> statements, RoundTripCount? trips) => new(
        name,
        requests,
        clientMs,
        statements.Count(s => s.IsExecution) / (double)requests,
        statements.Sum(s => s.Milliseconds) / requests,
        trips is null ? null : trips.Request / (double)requests,
        trips is null ? null : trips.Relay / (double)requests,
        Group(statements, requests),
        trips?.FirstRequestSequence ?? []);

    private static List<StatementStat> Group(IReadOnlyList<LogStatement> statements, int requests) => statements
        .GroupBy(s => StatementText.Normalize(s.Sql))
        .Select(g => new StatementStat(g.Key, g.Count(s => s.IsExecution) / (double)requests, g.Sum(s => s.Milliseconds) / requests))
        .OrderByDescending(s => s.ServerMsPerRequest)
        .ToList();

    private async Task<List<ExplainResult>> ExplainAsync(BenchUser user, string replayKey, Guid jobId, CancellationToken cancellationToken)
    {
        var reader = new RowTemplateReader(context.DataSource);
        var keyRow = await reader.ReadAsync("idempotency_keys", "user_id = $1 AND key = $2", [user.Id, replayKey], cancellationToken);
        var jobRow = await reader.ReadAsync("jobs", "id = $1", [jobId], cancellationToken);
        var outboxRow = await reader.ReadAsync("outbox_messages", "body->>'jobId' = $1", [jobId.ToString()], cancellationToken);
        var explainer = new Explainer(context.DataSource);
        var userLiteral = $"'{user.Id}'";
        return
        [
            await explainer.ExplainAsync("document exists (before the transaction)",
                $"SELECT EXISTS (SELECT 1 FROM documents AS d WHERE d.id = '{user.DocumentId}' AND d.user_id = {userLiteral})", cancellationToken),
            await explainer.ExplainAsync("key insert, new key", SqlWriter.KeyInsert(keyRow, userLiteral, "'explain-new-key'"), cancellationToken),
            await explainer.ExplainAsync("key insert, existing key (replay path: conflict, row locked, nothing written)",
                SqlWriter.KeyInsert(keyRow, userLiteral, $"'{replayKey}'"), cancellationToken),
            await explainer.ExplainAsync("job insert", SqlWriter.Insert(jobRow, userLiteral, "'explain-new-key'", parkOutbox: false), cancellationToken),
            await explainer.ExplainAsync("outbox insert", SqlWriter.Insert(outboxRow, userLiteral, null, parkOutbox: true) + " RETURNING id", cancellationToken),
            await explainer.ExplainAsync("replay read of the key row",
                $"SELECT {SqlWriter.SelectColumns(keyRow)} FROM idempotency_keys WHERE user_id = {userLiteral} AND key = '{replayKey}' AND expires_at > now() LIMIT 2", cancellationToken),
            await explainer.ExplainAsync("status by key",
                $"SELECT {SqlWriter.SelectColumns(jobRow)} FROM jobs WHERE user_id = {userLiteral} AND idempotency_key = '{replayKey}' ORDER BY created_at DESC LIMIT 1", cancellationToken),
        ];
    }
}
