using System.Diagnostics;

namespace Intake.ServiceDefaults.Telemetry;

/// <summary>
/// Our own trace source and the names of our spans and tags. The source is process-wide (it only
/// produces spans when a listener, such as the OpenTelemetry tracer, samples it).
/// </summary>
public static class IntakeTelemetry
{
    /// <summary>Name of both the ActivitySource and the Meter.</summary>
    public const string Name = "Intake";

    public static readonly ActivitySource ActivitySource = new(Name);

    public const string JobIdTag = "intake.job.id";
    public const string JobTypeTag = "intake.job.type";
    public const string KeyHashTag = "intake.idempotency_key.hash";
    public const string OutcomeTag = "intake.outcome";
    public const string OutboxIdTag = "intake.outbox.id";
}
