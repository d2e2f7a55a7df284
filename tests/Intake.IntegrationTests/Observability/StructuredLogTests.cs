using Intake.IntegrationTests.Infrastructure;
using Intake.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Intake.IntegrationTests.Observability;

public sealed class StructuredLogTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    private const string RawKey = "raw-key-4f1c9e2b77";
    private const string SecretContent = "CONFIDENTIAL-PARAGRAPH-7731";

    [Fact]
    public async Task Logs_carry_the_job_id_type_and_key_hash_but_never_the_key_or_the_content()
    {
        var apiLogs = new LogCapture();
        var workerLogs = new LogCapture();
        await using var api = Stack.Api.WithWebHostBuilder(web => web
            .UseSetting("Logging:LogLevel:Default", "Debug")
            .ConfigureLogging(logging => logging.AddProvider(apiLogs)));
        await Stack.StopWorkerAsync();
        try
        {
            using var worker = await WorkerHost.StartAsync(Stack.Faults, Stack.Consumed, new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Debug",
            }, builder => builder.Logging.AddProvider(workerLogs));

            var alice = new ApiClient(api.CreateClient());
            alice.Http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("alice"));
            var documentId = await alice.CreateDocumentAsync($"{SecretContent} {TestText.Prose(10)}");
            var jobId = await alice.SubmitJobAsync("process-document", new { documentId }, key: RawKey);
            Assert.Equal("succeeded", (await alice.WaitForJobAsync(jobId)).GetProperty("status").GetString());
            await Stack.Consumed.WaitForAsync(jobId, deliveries: 1);
            await worker.StopAsync();

            var keyHash = IdempotencyKeyHash.Compute("alice", RawKey);
            Assert.Contains(apiLogs.Records, r =>
                r.Message == $"Committed process-document {jobId}"
                && r.Scopes.GetValueOrDefault("IdempotencyKeyHash") == keyHash
                && r.Scopes.GetValueOrDefault("ResourceType") == "process-document");
            Assert.Contains(workerLogs.Records, r =>
                r.Message.StartsWith("Job attempt finished: succeeded", StringComparison.Ordinal)
                && r.Scopes.GetValueOrDefault("JobId") == jobId.ToString()
                && r.Scopes.GetValueOrDefault("JobType") == "process-document");

            // Debug logging of everything (EF Core, MassTransit, ASP.NET Core) and still no key, no content.
            var all = apiLogs.Records.Concat(workerLogs.Records).ToList();
            Assert.True(all.Count > 50, $"expected plenty of debug logs, got {all.Count}");
            Assert.DoesNotContain(all, r => r.AllText.Contains(RawKey, StringComparison.Ordinal));
            Assert.DoesNotContain(all, r => r.AllText.Contains(SecretContent, StringComparison.Ordinal));
        }
        finally
        {
            await Stack.RestartWorkerAsync();
        }
    }
}
