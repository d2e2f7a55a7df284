using System.Diagnostics;
using Intake.Contracts;
using Intake.Persistence.Inbox;
using Intake.Persistence.Outbox;
using Intake.ServiceDefaults.Telemetry;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Intake.Workers.Hosting;

/// <summary>What every job consumer does: run its handler through the inbox, traced, logged under the job's scope and measured.</summary>
public sealed partial class JobConsumption(
    JobExecutor executor,
    IOptionsMonitor<ConsumerSettings> settings,
    IntakeMetrics metrics,
    ILogger<JobConsumption> logger)
{
    public Task<JobExecutionOutcome> RunAsync<T>(ConsumeContext<T> context, string kind, Func<T, CancellationToken, Task<object>> handler)
        where T : class, IJobCommand
    {
        // GetRetryAttempt is 0 on the first try; the retry policy allows RetryLimit more.
        var isFinalAttempt = context.GetRetryAttempt() >= settings.Get(kind).RetryLimit;
        return ObserveAsync(context, isFinalAttempt, () => executor.ExecuteAsync(
            context.Message,
            consumer: typeof(T).Name,
            context.MessageId,
            isFinalAttempt,
            cancellationToken => handler(context.Message, cancellationToken),
            context.CancellationToken));
    }

    /// <summary>A long job: its work runs under a lease outside the inbox transaction.</summary>
    public Task<JobExecutionOutcome> RunLongAsync<T>(
        ConsumeContext<T> context, string kind, Func<T, LongJobContext, CancellationToken, Task<Func<CancellationToken, Task<object>>>> work)
        where T : class, IJobCommand
    {
        var isFinalAttempt = context.GetRetryAttempt() >= settings.Get(kind).RetryLimit;
        return ObserveAsync(context, isFinalAttempt, () => executor.ExecuteLongAsync(
            context.Message,
            consumer: typeof(T).Name,
            context.MessageId,
            isFinalAttempt,
            (job, cancellationToken) => work(context.Message, job, cancellationToken),
            context.CancellationToken));
    }

    private async Task<JobExecutionOutcome> ObserveAsync<T>(ConsumeContext<T> context, bool isFinalAttempt, Func<Task<JobExecutionOutcome>> run)
        where T : class, IJobCommand
    {
        var jobType = JobCommandTypes.JobTypeOf(typeof(T));
        var retryAttempt = context.GetRetryAttempt();

        // A child of MassTransit's consume span, which continues the submitting request's trace.
        using var activity = IntakeTelemetry.ActivitySource.StartActivity("job execute");
        activity?.SetTag(IntakeTelemetry.JobIdTag, context.Message.JobId);
        activity?.SetTag(IntakeTelemetry.JobTypeTag, jobType);
        activity?.SetTag("intake.job.retry_attempt", retryAttempt);
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["JobId"] = context.Message.JobId,
            ["JobType"] = jobType,
            ["MessageId"] = context.MessageId,
            ["RetryAttempt"] = retryAttempt,
        });

        if (retryAttempt > 0)
        {
            metrics.JobRetry(jobType);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var outcome = await run();
            if (outcome == JobExecutionOutcome.Duplicate)
            {
                metrics.InboxDuplicate(jobType);
            }

            var name = OutcomeName(outcome);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.JobFinished(jobType, name, elapsed);
            activity?.SetTag(IntakeTelemetry.OutcomeTag, name);
            LogAttemptFinished(name, (long)elapsed.TotalMilliseconds);
            return outcome;
        }
        catch (Exception exception)
        {
            // Measured and marked on the span, then left to MassTransit's retry and error handling.
            var name = exception switch
            {
                OperationCanceledException when context.CancellationToken.IsCancellationRequested => "interrupted",
                PermanentJobFailureException => "failed",
                _ when isFinalAttempt => "failed",
                _ => "retrying",
            };
            metrics.JobFinished(jobType, name, Stopwatch.GetElapsedTime(started));
            activity?.SetTag(IntakeTelemetry.OutcomeTag, name);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            throw;
        }
    }

    private static string OutcomeName(JobExecutionOutcome outcome) => outcome switch
    {
        JobExecutionOutcome.Completed => "succeeded",
        JobExecutionOutcome.Duplicate => "duplicate",
        JobExecutionOutcome.AlreadyFinished => "already_finished",
        JobExecutionOutcome.LeaseHeldElsewhere => "lease_held_elsewhere",
        JobExecutionOutcome.LeaseLost => "lease_lost",
        JobExecutionOutcome.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown job outcome."),
    };

    /// <summary>Logged inside the job's scope, so it carries the job id and type.</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "Job attempt finished: {Outcome} after {ElapsedMs} ms")]
    private partial void LogAttemptFinished(string outcome, long elapsedMs);
}
