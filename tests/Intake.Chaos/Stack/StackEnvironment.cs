using System.Globalization;

namespace Intake.Chaos.Stack;

/// <summary>
/// The environment of the API and the workers. Fault-friendly settings: a 10 s lease swept every
/// second (a killed worker's job is recovered quickly), every job holding its transaction 300 ms
/// after writing its effects (a kill lands mid-job), retries that outlast a database restart, an
/// outbox backoff capped at 5 s (the relay catches up soon after a broker outage), and a 40 s
/// limit on the bus start (a process whose bus never starts exits and is restarted).
/// </summary>
public static class StackEnvironment
{
    public static Dictionary<string, string> Api(StackSettings settings, ManagedProcess process, int? crashAfterCommits)
    {
        var environment = Common(settings, process);
        environment["Outbox__MaxRetryDelay"] = "00:00:05";
        if (crashAfterCommits is { } commits)
        {
            environment["FaultInjection__CrashAfterCommits"] = commits.ToString(CultureInfo.InvariantCulture);
        }

        return environment;
    }

    public static Dictionary<string, string> Worker(StackSettings settings, ManagedProcess process, WorkerKind kind)
    {
        var environment = Common(settings, process);
        environment["Workers__Consumers"] = kind.Consumers;
        environment["Inbox__Lease"] = "00:00:10";
        environment["Inbox__SweepInterval"] = "00:00:01";
        environment["FaultInjection__DelayBeforeCommit"] = "00:00:00.300";

        // Short enough that the lost-command sweep runs during a long run (its re-sends must be
        // harmless), longer than the retry span below (8 × 5 s).
        environment["Inbox__QueuedResendAfter"] = "00:01:00";
        foreach (var section in new[] { "Documents", "Datasets", "Training" })
        {
            environment[$"Workers__{section}__RetryLimit"] = "8";
            environment[$"Workers__{section}__RetryMaxInterval"] = "00:00:05";
        }

        return environment;
    }

    private static Dictionary<string, string> Common(StackSettings settings, ManagedProcess process) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["ConnectionStrings__Intake"] = $"{settings.AppConnectionString};Application Name={process.ApplicationName}",
        ["RabbitMq__Host"] = "127.0.0.1",
        ["RabbitMq__Port"] = settings.RabbitPort.ToString(CultureInfo.InvariantCulture),
        ["RabbitMq__VirtualHost"] = "/",
        ["RabbitMq__Username"] = "guest",
        ["RabbitMq__Password"] = "guest",
        ["Auth__SigningKey"] = settings.SigningKey,
        ["Logging__LogLevel__Default"] = "Warning",

        // A process whose bus never starts exits well before the suite would call it stuck.
        ["RabbitMq__StartTimeout"] = "00:00:40",
    };
}
