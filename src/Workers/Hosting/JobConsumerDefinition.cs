using Intake.Persistence.Inbox;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Intake.Workers.Hosting;

/// <summary>
/// Queue, concurrency and retry for one job consumer. Retries back off exponentially with jitter; permanent failures
/// skip them. After the last retry MassTransit moves the command to the queue's _error queue.
/// </summary>
public abstract class JobConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private readonly ConsumerSettings _settings;

    protected JobConsumerDefinition(IOptionsMonitor<ConsumerSettings> settings, string kind, string queue)
    {
        _settings = settings.Get(kind);
        EndpointName = queue;
        ConcurrentMessageLimit = _settings.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = _settings.PrefetchCount;
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Intervals(RetrySchedule.Exponential(_settings.RetryLimit, _settings.RetryMinInterval, _settings.RetryMaxInterval, Random.Shared));
            retry.Ignore<PermanentJobFailureException>();
        });
    }
}
