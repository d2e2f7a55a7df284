using System.Net;
using Intake.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Intake.IntegrationTests.Observability;

public sealed class OutboxHealthTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task Readiness_is_degraded_while_an_unsent_outbox_row_is_older_than_the_threshold()
    {
        using var http = Stack.Api.CreateClient();
        Assert.Equal("Healthy", await WaitForReadinessAsync(http, "Healthy"));

        // A real row, committed five minutes ago and pushed back (as after failed sends), so the relay leaves it alone.
        await Stack.Postgres.ScalarAsync(
            """
            WITH row AS (
                INSERT INTO outbox_messages (message_id, message_type, destination, body, created_at, available_at, attempts)
                VALUES (gen_random_uuid(), 'Intake.Contracts.ProcessDocument', 'process-document', '{}',
                        now() - interval '5 minutes', now() + interval '1 hour', 7)
                RETURNING 1)
            SELECT count(*) FROM row
            """);

        Assert.Equal("Degraded", await WaitForReadinessAsync(http, "Degraded"));
        var report = await Stack.Api.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(check => check.Tags.Contains("ready"));
        var outbox = report.Entries["outbox"];
        Assert.Equal(HealthStatus.Degraded, outbox.Status);
        Assert.Matches(@"oldest unsent outbox row is (29\d|30\d) s old \(threshold 60 s\)", outbox.Description);
        Assert.Equal(1L, outbox.Data["unsent"]);

        await Stack.Postgres.ScalarAsync("WITH gone AS (DELETE FROM outbox_messages RETURNING 1) SELECT count(*) FROM gone");
        Assert.Equal("Healthy", await WaitForReadinessAsync(http, "Healthy"));
    }

    /// <summary>The backlog is cached for a few seconds, so the status follows within that time.</summary>
    private static async Task<string> WaitForReadinessAsync(HttpClient http, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var response = await http.GetAsync("/health/ready");
            var status = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (status == expected || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(250);
        }
    }
}
