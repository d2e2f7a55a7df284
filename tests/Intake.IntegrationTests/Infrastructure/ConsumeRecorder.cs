using System.Collections.Concurrent;
using Intake.Contracts;
using MassTransit;

namespace Intake.IntegrationTests.Infrastructure;

/// <summary>
/// Observes every job command a worker finished consuming (acknowledged or faulted), so a test can
/// wait until a duplicate delivery has really been handled before it asserts nothing happened.
/// </summary>
public sealed class ConsumeRecorder : IConsumeObserver
{
    private readonly ConcurrentDictionary<Guid, int> _handled = new();
    private readonly ConcurrentDictionary<Guid, int> _faulted = new();

    public int Handled(Guid jobId) => _handled.GetValueOrDefault(jobId);

    public int Faulted(Guid jobId) => _faulted.GetValueOrDefault(jobId);

    public async Task WaitForAsync(Guid jobId, int deliveries, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Handled(jobId) + Faulted(jobId) < deliveries)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId}: {Handled(jobId)} handled, {Faulted(jobId)} faulted; expected {deliveries} deliveries.");
            }

            await Task.Delay(25);
        }
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is IJobCommand command)
        {
            _handled.AddOrUpdate(command.JobId, 1, (_, n) => n + 1);
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        if (context.Message is IJobCommand command)
        {
            _faulted.AddOrUpdate(command.JobId, 1, (_, n) => n + 1);
        }

        return Task.CompletedTask;
    }
}
