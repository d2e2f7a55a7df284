using System.Diagnostics;

namespace Intake.IntegrationTests.Infrastructure;

/// <summary>The real RabbitMQ node started by scripts/services.sh, which the tests can take down and bring back.</summary>
public sealed class RabbitMqService
{
    /// <summary>Stops the broker application (connections drop, the node keeps its data).</summary>
    public Task StopAsync() => ControlAsync("stop_app");

    public Task StartAsync() => ControlAsync("start_app");

    /// <summary>Drops every message waiting in a queue of the test virtual host, as an operator's purge would.</summary>
    public Task PurgeQueueAsync(string queue) => ControlAsync("purge_queue", "-p", TestEnvironment.RabbitVirtualHost, queue);

    /// <summary>Each queue of the test virtual host with its type (classic, quorum), as the broker reports it.</summary>
    public async Task<IReadOnlyDictionary<string, string>> QueueTypesAsync()
    {
        var output = await ControlAsync("list_queues", "-q", "-p", TestEnvironment.RabbitVirtualHost, "name", "type", "--no-table-headers");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 2)
            .ToDictionary(fields => fields[0], fields => fields[1]);
    }

    private static async Task<string> ControlAsync(string command, params string[] arguments)
    {
        var script = Path.Combine(TestEnvironment.RepositoryRoot, "scripts", "services.sh");
        var start = new ProcessStartInfo("bash", [script, "rabbitmqctl", command, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start rabbitmqctl.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {command} failed ({process.ExitCode}): {await output} {await error}");
        }

        return await output;
    }
}
