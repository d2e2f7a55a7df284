using System.Diagnostics;
using Intake.Persistence.Entities;
using Intake.ServiceDefaults.Telemetry;

namespace Intake.Persistence.Outbox;

/// <summary>
/// Carries the W3C trace context across the outbox: captured from the current span when a row is
/// staged (the row commits with the request), restored as the parent of the relay's send.
/// </summary>
public static class OutboxTraceContext
{
    /// <summary>Stores the current span's context on the row; a row staged outside any trace gets none.</summary>
    public static void Capture(OutboxMessage message)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } current)
        {
            message.TraceParent = current.Id;
            message.TraceState = string.IsNullOrEmpty(current.TraceStateString) ? null : current.TraceStateString;
        }
    }

    /// <summary>The stored context, or default when the row has none or it is malformed.</summary>
    public static ActivityContext Restore(OutboxMessage message) =>
        message.TraceParent is { } traceParent
        && ActivityContext.TryParse(traceParent, message.TraceState, isRemote: true, out var context)
            ? context
            : default;

    /// <summary>
    /// The relay's span for sending one row, a child of the request that committed it (whatever
    /// time has passed since). MassTransit's send span, and through the message headers its
    /// consume span in the worker, continue under it.
    /// </summary>
    public static Activity? StartPublish(OutboxMessage message)
    {
        var activity = IntakeTelemetry.ActivitySource.StartActivity("outbox publish", ActivityKind.Internal, Restore(message));
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(IntakeTelemetry.OutboxIdTag, message.Id);
            activity.SetTag(IntakeTelemetry.JobIdTag, message.JobId);
            activity.SetTag("messaging.destination.name", message.Destination);
            activity.SetTag("messaging.message.id", message.MessageId);
            activity.SetTag("intake.outbox.attempts", message.Attempts);
        }

        return activity;
    }
}
