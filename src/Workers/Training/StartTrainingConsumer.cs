using Intake.Contracts;
using Intake.Workers.Hosting;
using MassTransit;

namespace Intake.Workers.Training;

public sealed class StartTrainingConsumer(JobConsumption consumption, TrainingPlanner planner) : IConsumer<StartTraining>
{
    public Task Consume(ConsumeContext<StartTraining> context) =>
        consumption.RunAsync(context, WorkerKinds.Training, planner.PlanAsync);
}
