using System.Collections.Concurrent;
using System.Diagnostics;

namespace Intake.IntegrationTests.Infrastructure;

/// <summary>
/// A real worker process (src/Workers as built by ./test.sh), for tests that must kill one with
/// SIGKILL (nothing in the process gets to clean up, exactly as in a crash) or stop with SIGTERM,
/// as an orchestrator does.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private WorkerProcess(Process process, ConcurrentQueue<string> output)
    {
        _process = process;
        _output = output;
    }

    public static WorkerProcess Start(string consumers, IReadOnlyDictionary<string, string> settings)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}")
            ? "Release" : "Debug";
        var dll = Path.Combine(TestEnvironment.RepositoryRoot, "src", "Workers", "bin", configuration, "net10.0", "Intake.Workers.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the solution first (./test.sh does).", dll);
        }

        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var (key, value) in TestEnvironment.SharedSettings())
        {
            start.Environment[key.Replace(":", "__")] = value;
        }

        start.Environment["Workers__Consumers"] = consumers;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__")] = value;
        }

        var output = new ConcurrentQueue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the worker process.");
        process.OutputDataReceived += (_, line) => Collect(output, line.Data);
        process.ErrorDataReceived += (_, line) => Collect(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process, output);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The process id, which the worker's lease owner names (machine/pid/…).</summary>
    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>SIGTERM: what docker stop and Kubernetes send first.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits for the process to end on its own; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static void Collect(ConcurrentQueue<string> output, string? line)
    {
        // Bounded: a worker left running for long must not grow the test process without limit.
        if (line is not null && output.Count < 20_000)
        {
            output.Enqueue(line);
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no acknowledgements, open transactions die with the connection.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
