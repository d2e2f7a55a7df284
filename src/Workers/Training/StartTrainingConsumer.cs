using Intake.Contracts;
using Intake.Workers.Hosting;
using MassTransit;

namespace Intake.Workers.Training;

public sealed class StartTrainingConsumer(JobConsumption consumption, TrainingRunner runner) : IConsumer<StartTraining>
{
    public Task Consume(ConsumeContext<StartTraining> context) =>
        consumption.RunLongAsync(context, WorkerKinds.Training, runner.TrainAsync);
}
