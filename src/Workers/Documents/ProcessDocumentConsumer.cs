using Intake.Contracts;
using Intake.Workers.Hosting;
using MassTransit;

namespace Intake.Workers.Documents;

public sealed class ProcessDocumentConsumer(JobConsumption consumption, DocumentProcessor processor) : IConsumer<ProcessDocument>
{
    public Task Consume(ConsumeContext<ProcessDocument> context) =>
        consumption.RunAsync(context, WorkerKinds.Documents, processor.ProcessAsync);
}
