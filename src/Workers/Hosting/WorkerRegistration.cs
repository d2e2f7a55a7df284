using Intake.Persistence;
using Intake.ServiceDefaults;
using Intake.Workers.Datasets;
using Intake.Workers.Documents;
using Intake.Training;
using Intake.Workers.Training;
using MassTransit;

namespace Intake.Workers.Hosting;

public static class WorkerRegistration
{
    /// <summary>
    /// The consumers named in `Workers:Consumers` (documents, datasets, training; default all), so
    /// one image can run as any kind of worker and each kind scales on its own.
    /// </summary>
    public static IHostApplicationBuilder AddWorkers(this IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration["Workers:Consumers"] ?? string.Join(',', WorkerKinds.All);
        var kinds = configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => k.ToLowerInvariant())
            .ToHashSet();
        var unknown = kinds.Except(WorkerKinds.All).ToList();
        if (unknown.Count > 0 || kinds.Count == 0)
        {
            throw new InvalidOperationException(
                $"Workers:Consumers must list some of {string.Join(", ", WorkerKinds.All)}; got '{configured}'.");
        }

        foreach (var kind in WorkerKinds.All)
        {
            builder.Services.Configure<ConsumerSettings>(kind, builder.Configuration.GetSection($"Workers:{char.ToUpperInvariant(kind[0])}{kind[1..]}"));
        }

        builder.AddInbox();
        builder.Services.AddScoped<JobConsumption>();
        builder.Services.AddScoped<DocumentProcessor>();
        builder.Services.AddScoped<DatasetBuilder>();
        builder.Services.AddScoped<TrainingRunner>();

        // On a small machine the trainer shares its cores with the database and the broker.
        builder.Services.AddSingleton<ILanguageModelTrainer>(new CharMlpTrainer(
            maxDegreeOfParallelism: builder.Configuration.GetValue<int?>("Workers:Training:TrainerThreads") ?? 1));

        builder.AddIntakeBus(bus =>
        {
            if (kinds.Contains(WorkerKinds.Documents))
            {
                bus.AddConsumer<ProcessDocumentConsumer, ProcessDocumentConsumerDefinition>();
            }

            if (kinds.Contains(WorkerKinds.Datasets))
            {
                bus.AddConsumer<GenerateTrainingDataConsumer, GenerateTrainingDataConsumerDefinition>();
            }

            if (kinds.Contains(WorkerKinds.Training))
            {
                bus.AddConsumer<StartTrainingConsumer, StartTrainingConsumerDefinition>();
            }
        });
        return builder;
    }
}
