using Intake.Contracts;
using Intake.Workers.Hosting;
using Microsoft.Extensions.Options;

namespace Intake.Workers.Training;

public sealed class StartTrainingConsumerDefinition(IOptionsMonitor<ConsumerSettings> settings)
    : JobConsumerDefinition<StartTrainingConsumer>(settings, WorkerKinds.Training, JobQueues.StartTraining);
