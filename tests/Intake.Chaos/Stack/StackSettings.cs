namespace Intake.Chaos.Stack;

/// <summary>
/// Where the chaos stack's binaries, services and files are (all of them the chaos instance's own).
/// <see cref="ConnectionString"/> is the owner (the checker reads across users);
/// <see cref="AppConnectionString"/> the role the API and workers run as.
/// </summary>
public sealed record StackSettings(
    string ApiDll,
    string WorkersDll,
    string ConnectionString,
    string AppConnectionString,
    int RabbitPort,
    int HttpPort,
    string LogDirectory,
    string PidDirectory,
    string ServicesScript,
    string SigningKey);
