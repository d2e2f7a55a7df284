namespace Intake.Chaos.Stack;

/// <summary>Where the chaos stack's binaries, services and files are (all of them the chaos instance's own).</summary>
public sealed record StackSettings(
    string ApiDll,
    string WorkersDll,
    string ConnectionString,
    int RabbitPort,
    int HttpPort,
    string LogDirectory,
    string PidDirectory,
    string ServicesScript,
    string SigningKey);
