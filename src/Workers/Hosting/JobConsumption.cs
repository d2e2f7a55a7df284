using Intake.Contracts;
using Intake.Persistence.Inbox;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Intake.Workers.Hosting;

/// <summary>What every job consumer does: run its handler through the inbox.</summary>
public sealed class JobConsumption(JobExecutor executor, IOptionsMonitor<ConsumerSettings> settings)
{
    public Task<JobExecutionOutcome> RunAsync<T>(ConsumeContext<T> context, string kind, Func<T, CancellationToken, Task<object>> handler)
        where T : class, IJobCommand
    {
        // GetRetryAttempt is 0 on the first try; the retry policy allows RetryLimit more.
        var isFinalAttempt = context.GetRetryAttempt() >= settings.Get(kind).RetryLimit;
        return executor.ExecuteAsync(
            context.Message,
            consumer: typeof(T).Name,
            context.MessageId,
            isFinalAttempt,
            cancellationToken => handler(context.Message, cancellationToken),
            context.CancellationToken);
    }

    /// <summary>A long job: its work runs under a lease outside the inbox transaction.</summary>
    public Task<JobExecutionOutcome> RunLongAsync<T>(
        ConsumeContext<T> context, string kind, Func<T, LongJobContext, CancellationToken, Task<Func<CancellationToken, Task<object>>>> work)
        where T : class, IJobCommand
    {
        var isFinalAttempt = context.GetRetryAttempt() >= settings.Get(kind).RetryLimit;
        return executor.ExecuteLongAsync(
            context.Message,
            consumer: typeof(T).Name,
            context.MessageId,
            isFinalAttempt,
            (job, cancellationToken) => work(context.Message, job, cancellationToken),
            context.CancellationToken);
    }
}
