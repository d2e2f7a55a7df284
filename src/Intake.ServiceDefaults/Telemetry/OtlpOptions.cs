namespace Intake.ServiceDefaults.Telemetry;

/// <summary>OTLP export of traces, metrics and logs. Off unless an endpoint is set.</summary>
public sealed class OtlpOptions
{
    /// <summary>Collector base address, e.g. http://127.0.0.1:4317 (gRPC) or :4318 (HTTP). Empty: no export.</summary>
    public string? Endpoint { get; set; }

    /// <summary>"grpc" (default) or "http/protobuf".</summary>
    public string Protocol { get; set; } = "grpc";
}
