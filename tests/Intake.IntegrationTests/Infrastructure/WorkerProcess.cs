using System.Diagnostics;

namespace Intake.IntegrationTests.Infrastructure;

/// <summary>
/// A real worker process (src/Workers as built by ./test.sh), for tests that must kill one with
/// SIGKILL: nothing in the process gets to clean up, exactly as in a crash.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

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

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the worker process.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process);
    }

    public bool HasExited => _process.HasExited;

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
