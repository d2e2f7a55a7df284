namespace Intake.ServiceDefaults.Telemetry;

/// <summary>The "Telemetry" section.</summary>
public sealed class TelemetryOptions
{
    /// <summary>Reported as service.name; defaults to the application name (Intake.Api, Intake.Workers).</summary>
    public string? ServiceName { get; set; }

    public OtlpOptions Otlp { get; set; } = new();
}
