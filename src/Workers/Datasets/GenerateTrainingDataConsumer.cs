using Intake.Contracts;
using Intake.Workers.Hosting;
using MassTransit;

namespace Intake.Workers.Datasets;

public sealed class GenerateTrainingDataConsumer(JobConsumption consumption, DatasetBuilder builder) : IConsumer<GenerateTrainingData>
{
    public Task Consume(ConsumeContext<GenerateTrainingData> context) =>
        consumption.RunAsync(context, WorkerKinds.Datasets, builder.BuildAsync);
}
