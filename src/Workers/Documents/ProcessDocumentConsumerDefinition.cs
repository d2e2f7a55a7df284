using Intake.Contracts;
using Intake.Workers.Hosting;
using Microsoft.Extensions.Options;

namespace Intake.Workers.Documents;

public sealed class ProcessDocumentConsumerDefinition(IOptionsMonitor<ConsumerSettings> settings)
    : JobConsumerDefinition<ProcessDocumentConsumer>(settings, WorkerKinds.Documents, JobQueues.ProcessDocument);
