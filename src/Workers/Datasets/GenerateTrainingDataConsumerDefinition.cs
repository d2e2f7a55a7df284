using Intake.Contracts;
using Intake.Workers.Hosting;
using Microsoft.Extensions.Options;

namespace Intake.Workers.Datasets;

public sealed class GenerateTrainingDataConsumerDefinition(IOptionsMonitor<ConsumerSettings> settings)
    : JobConsumerDefinition<GenerateTrainingDataConsumer>(settings, WorkerKinds.Datasets, JobQueues.GenerateTrainingData);
