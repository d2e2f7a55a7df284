using System.Net;
using System.Net.Sockets;
using Intake.Contracts;
using Intake.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Intake.IntegrationTests.Observability;

public sealed class MetricsTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task The_api_metrics_endpoint_counts_submissions_by_outcome_and_the_relay_latency()
    {
        var alice = As("alice");
        var before = await ScrapeApiAsync();

        var documentId = await alice.CreateDocumentAsync(TestText.Prose(10));                        // created
        var jobId = await alice.SubmitJobAsync("process-document", new { documentId }, key: "metrics-key"); // created
        using (var replay = await alice.PostAsync("/v1/jobs/process-document", $$"""{"documentId":"{{documentId}}"}""", key: "metrics-key"))
        {
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);                                  // replayed
        }

        using (var reused = await alice.PostAsync("/v1/jobs/process-document", $$"""{"documentId":"{{documentId}}","chunkSize":300}""", key: "metrics-key"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);                       // key_reused
        }

        using (var malformed = await alice.PostAsync("/v1/jobs/process-document", "{}", key: "no spaces allowed"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);                             // rejected
        }

        using (var invalid = await alice.PostAsync("/v1/jobs/process-document", """{"documentId":"not-a-guid"}""", key: "metrics-bad-body"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);                               // rejected
        }

        await HoldKeyInFlightAsync(alice, "metrics-held");                                             // in_flight
        Assert.Equal("succeeded", (await alice.WaitForJobAsync(jobId)).GetProperty("status").GetString());

        var after = await ScrapeApiAsync();
        double Delta(string outcome) =>
            after.Sum("intake_submissions_total", ("outcome", outcome)) - before.Sum("intake_submissions_total", ("outcome", outcome));
        Assert.Equal(2, Delta("created"));
        Assert.Equal(1, Delta("replayed"));
        Assert.Equal(1, Delta("key_reused"));
        Assert.Equal(2, Delta("rejected"));
        Assert.Equal(1, Delta("in_flight"));

        // The relay measured commit → confirm for the job's command.
        const string latency = "intake_outbox_publish_latency_seconds_count";
        Assert.True(
            after.Sum(latency, ("destination", JobQueues.ProcessDocument)) > before.Sum(latency, ("destination", JobQueues.ProcessDocument)),
            "the relay records the publish latency of each row it sends");
        Assert.True(after.Has("intake_outbox_backlog"), "the backlog gauge is exported once the relay has counted");
        Assert.True(after.Has("intake_outbox_oldest_unsent_age_seconds"));
    }

    [Fact]
    public async Task A_worker_process_serves_its_job_metrics()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(20));
        await Stack.StopWorkerAsync();
        try
        {
            var port = FreePort();
            using var worker = WorkerProcess.Start("documents", new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            });
            var jobId = await alice.SubmitJobAsync("process-document", new { documentId }, key: "worker-metrics");
            Assert.Equal("succeeded", (await alice.WaitForJobAsync(jobId, TimeSpan.FromSeconds(60))).GetProperty("status").GetString());

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var metrics = PrometheusText.Parse(await http.GetStringAsync("/metrics"));

            Assert.Equal(1, metrics.Sum("intake_jobs_duration_seconds_count", ("job_type", "process-document"), ("outcome", "succeeded")));
            Assert.True(metrics.Sum("intake_jobs_duration_seconds_sum", ("job_type", "process-document")) > 0);
            Assert.Equal(0, metrics.Sum("intake_jobs_retries_total"));
        }
        finally
        {
            await Stack.RestartWorkerAsync();
        }
    }

    [Fact]
    public async Task Retries_and_inbox_duplicates_are_measured_by_job_type()
    {
        using var measured = new MeasurementCollector("job_type");
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(20));

        // One failure before commit: the retry policy runs the job a second time.
        Stack.Faults.FailBeforeCommit(c => c is ProcessDocument p && p.DocumentId == documentId, times: 1);
        var retried = await alice.SubmitJobAsync("process-document", new { documentId });
        Assert.Equal(2, (await alice.WaitForJobAsync(retried)).GetProperty("attempts").GetInt32());
        await Stack.Consumed.WaitForAsync(retried, deliveries: 1);
        Assert.Equal(1, measured.Total("intake.jobs.retries", "process-document"));
        Assert.Equal(2, measured.Total("intake.jobs.duration", "process-document"));

        // The same command in two workers at once: the second blocks on the first's inbox row,
        // then finds it committed and is suppressed.
        Stack.Faults.DelayBeforeCommit(c => c is GenerateTrainingData g && g.DocumentIds.Contains(documentId), TimeSpan.FromMilliseconds(800));
        using var secondWorker = await WorkerHost.StartAsync(Stack.Faults, Stack.Consumed);
        try
        {
            var jobId = await alice.SubmitJobAsync("generate-training-data", new { documentIds = new[] { documentId } });
            var bus = Stack.Api.Services.GetRequiredService<MassTransit.IBus>();
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{JobQueues.GenerateTrainingData}"));
            await endpoint.Send(new GenerateTrainingData(jobId, "alice", [documentId], "completion", null, 0.1));
            await Stack.Consumed.WaitForAsync(jobId, deliveries: 2);

            Assert.Equal(2, (await alice.GetAsync($"/v1/jobs/{jobId}")).GetProperty("attempts").GetInt32());
            Assert.Equal(1, measured.Total("intake.inbox.duplicates", "generate-training-data"));
        }
        finally
        {
            await secondWorker.StopAsync();
        }
    }

    private async Task<PrometheusText> ScrapeApiAsync()
    {
        using var http = Stack.Api.CreateClient();
        using var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Another transaction holds the key uncommitted, so the request waits and gets 409.</summary>
    private async Task HoldKeyInFlightAsync(ApiClient client, string key)
    {
        await using var connection = new NpgsqlConnection(Stack.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var claim = new NpgsqlCommand(
            $"""
            INSERT INTO idempotency_keys (user_id, key, fingerprint, request_method, request_path, resource_type,
                resource_id, response_status, response_location, response_body, created_at, expires_at)
            VALUES ('alice', '{key}', repeat('0', 64), 'POST', '/v1/documents', 'document',
                gen_random_uuid(), 201, NULL, '\x7b7d', now(), now() + interval '1 hour')
            """, connection, transaction))
        {
            await claim.ExecuteNonQueryAsync();
        }

        using var blocked = await client.PostAsync("/v1/documents", """{"name":"a.txt","contentType":"text/plain","content":"held"}""", key);
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        await transaction.RollbackAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
