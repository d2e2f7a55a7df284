using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Intake.IntegrationTests.Infrastructure;
using Intake.ServiceDefaults.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Intake.IntegrationTests.Observability;

public sealed class TracePropagationTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task One_trace_runs_from_the_http_request_through_the_outbox_and_broker_to_the_worker_handler()
    {
        using var spans = new ActivityCollector();
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(15));
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/jobs/process-document")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { documentId }), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "traced-key");
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-{callerSpan}-01");
        request.Headers.TryAddWithoutValidation("tracestate", "caller=abc");
        using var response = await alice.Http.SendAsync(request);
        var jobId = (await ApiClient.ExpectAsync(response, HttpStatusCode.Accepted)).GetProperty("jobId").GetGuid();
        Assert.Equal("succeeded", (await alice.WaitForJobAsync(jobId)).GetProperty("status").GetString());

        // The outbox row kept the request's trace context: same trace, a span of ours, the caller's tracestate.
        await using (var scope = Stack.CreateScope(out var db))
        {
            var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.JobId == jobId);
            Assert.NotNull(row.TraceParent);
            Assert.Matches($"^00-{traceId}-[0-9a-f]{{16}}-01$", row.TraceParent);
            Assert.DoesNotContain(callerSpan.ToString(), row.TraceParent);
            Assert.Equal("caller=abc", row.TraceState);
            Assert.NotNull(row.SentAt);
        }

        var submission = await spans.WaitForAsync(
            a => a.Source.Name == IntakeTelemetry.Name && a.OperationName == "submission" && Tag(a, IntakeTelemetry.JobIdTag) == jobId.ToString(),
            "submission");
        var publish = await spans.WaitForAsync(
            a => a.OperationName == "outbox publish" && Tag(a, IntakeTelemetry.JobIdTag) == jobId.ToString(), "outbox publish");
        var handler = await spans.WaitForAsync(
            a => a.OperationName == "job execute" && Tag(a, IntakeTelemetry.JobIdTag) == jobId.ToString(), "job execute");
        var consume = await spans.WaitForAsync(
            a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer && a.TraceId == traceId, "MassTransit consume");
        var send = await spans.WaitForAsync(
            a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Producer && a.ParentSpanId == publish.SpanId, "MassTransit send");

        Assert.All([submission, publish, send, consume, handler], span => Assert.Equal(traceId, span.TraceId));
        Assert.Equal("succeeded", Tag(handler, IntakeTelemetry.OutcomeTag));
        Assert.Equal("created", Tag(submission, IntakeTelemetry.OutcomeTag));

        // The relay's span hangs under the stored context, i.e. under the submission span, even
        // though it ran later on the relay's own thread.
        Assert.Contains(submission.SpanId.ToString(), await StoredTraceParentAsync(jobId));
        Assert.Equal(submission.SpanId, publish.ParentSpanId);

        // The idempotency key itself never appears on a span, only its hash.
        Assert.Equal(IdempotencyKeyHash.Compute("alice", "traced-key"), Tag(submission, IntakeTelemetry.KeyHashTag));
        Assert.DoesNotContain(spans.Stopped, a => a.TagObjects.Any(t => t.Value?.ToString()?.Contains("traced-key") == true));
    }

    [Fact]
    public async Task A_row_staged_outside_any_trace_is_still_sent_and_starts_its_own_trace()
    {
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(10));
        var previous = Activity.Current;
        Activity.Current = null;
        Guid jobId;
        try
        {
            // No listener samples the test's own code, so no span is current while the row is written.
            await using var scope = Stack.CreateScope(out var db);
            jobId = Guid.CreateVersion7();
            var now = DateTimeOffset.UtcNow;
            db.Jobs.Add(new Persistence.Entities.Job
            {
                Id = jobId, UserId = "alice", Type = Persistence.Entities.JobTypes.ProcessDocument, Request = "{}", CreatedAt = now,
            });
            var row = Persistence.Outbox.OutboxDbContextExtensions.AddOutboxCommand(
                db, new Contracts.ProcessDocument(jobId, "alice", documentId, 500, 50), Contracts.JobQueues.ProcessDocument, now);
            Assert.Null(row.TraceParent);
            await db.SaveChangesAsync();
        }
        finally
        {
            Activity.Current = previous;
        }

        Assert.Equal("succeeded", (await alice.WaitForJobAsync(jobId)).GetProperty("status").GetString());
    }

    private async Task<string> StoredTraceParentAsync(Guid jobId)
    {
        await using var scope = Stack.CreateScope(out var db);
        return (await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.JobId == jobId)).TraceParent!;
    }

    private static string? Tag(Activity activity, string name) => activity.GetTagItem(name)?.ToString();
}
