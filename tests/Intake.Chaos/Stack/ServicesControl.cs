using System.Diagnostics;

namespace Intake.Chaos.Stack;

/// <summary>
/// scripts/services.sh against the chaos instance: RabbitMQ stop_app/start_app and a PostgreSQL
/// restart. The instance comes from INTAKE_LOCAL_DIR, INTAKE_PG_PORT, INTAKE_RABBIT_PORT,
/// INTAKE_RABBIT_DIST_PORT and INTAKE_RABBIT_NODE; without them (the shared default instance) it
/// refuses to run, so a chaos run can never take down the services others use.
/// </summary>
public sealed class ServicesControl
{
    private static readonly string[] InstanceVariables =
        ["INTAKE_LOCAL_DIR", "INTAKE_PG_PORT", "INTAKE_RABBIT_PORT", "INTAKE_RABBIT_DIST_PORT", "INTAKE_RABBIT_NODE"];

    private readonly string _script;

    public ServicesControl(string script)
    {
        var missing = InstanceVariables.Where(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Refusing to control services without a dedicated instance: {string.Join(", ", missing)} not set (run scripts/chaos.sh).");
        }

        var local = Path.GetFullPath(Environment.GetEnvironmentVariable("INTAKE_LOCAL_DIR")!).TrimEnd('/');
        var shared = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(script))!, "..", ".local"));
        if (local == shared
            || Environment.GetEnvironmentVariable("INTAKE_PG_PORT") == "55432"
            || Environment.GetEnvironmentVariable("INTAKE_RABBIT_NODE") == "intake@localhost")
        {
            throw new InvalidOperationException("Refusing to inject faults into the shared default instance (.local).");
        }

        _script = script;
    }

    public Task<ServicesResult> RabbitStopAppAsync(CancellationToken cancellationToken) =>
        RunAsync(cancellationToken, "rabbitmqctl", "-q", "stop_app");

    public Task<ServicesResult> RabbitStartAppAsync(CancellationToken cancellationToken) =>
        RunAsync(cancellationToken, "rabbitmqctl", "-q", "start_app");

    public Task<ServicesResult> RabbitListQueuesAsync(CancellationToken cancellationToken) =>
        RunAsync(cancellationToken, "rabbitmqctl", "-q", "list_queues", "name", "messages_ready", "messages_unacknowledged", "--no-table-headers");

    public Task<ServicesResult> PgRestartAsync(CancellationToken cancellationToken) =>
        RunAsync(cancellationToken, "pg-restart");

    private async Task<ServicesResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo(_script)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {_script}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new ServicesResult(process.ExitCode, (await output + await error).Trim(), watch.Elapsed);
    }
}
