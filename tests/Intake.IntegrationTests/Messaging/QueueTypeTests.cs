using Intake.Contracts;
using Intake.IntegrationTests.Infrastructure;

namespace Intake.IntegrationTests.Messaging;

/// <summary>
/// The job queues are quorum queues because the vhost says so (scripts/services.sh and the compose
/// file make it with that default): neither the relay nor the workers name a queue type. A vhost
/// made without the default, or a declaration naming another type, would leave them classic or have
/// the broker refuse the declaration (PRECONDITION_FAILED), and sends or consumers would stop.
/// </summary>
public sealed class QueueTypeTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task Every_job_queue_is_a_quorum_queue_and_a_command_still_flows_through_it()
    {
        // The fixture's worker declared every job queue; a command goes relay → queue → worker.
        var alice = As("alice");
        var documentId = await alice.CreateDocumentAsync(TestText.Prose(40));
        var job = await alice.SubmitJobAsync("process-document", new { documentId, chunkSize = 400, chunkOverlap = 40 }, key: "queue-type");
        Assert.Equal("succeeded", (await alice.WaitForJobAsync(job)).GetProperty("status").GetString());

        var types = await Stack.RabbitMq.QueueTypesAsync();
        foreach (var queue in new[] { JobQueues.ProcessDocument, JobQueues.GenerateTrainingData, JobQueues.StartTraining })
        {
            Assert.True(types.TryGetValue(queue, out var type), $"queue {queue} was not declared; the broker has: {string.Join(", ", types.Keys)}");
            Assert.Equal("quorum", type);
        }
    }
}
