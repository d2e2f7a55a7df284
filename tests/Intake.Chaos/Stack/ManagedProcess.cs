using System.Diagnostics;

namespace Intake.Chaos.Stack;

/// <summary>
/// One API or worker process of the stack: started with its own environment and log file (through
/// `sh -c exec`, so the recorded pid is the dotnet process itself), killed with SIGKILL, stopped
/// with SIGTERM, started again. Its pid file lets scripts/chaos.sh clean up after a crashed run.
/// </summary>
public sealed class ManagedProcess(string name, int port, string dll, string logDirectory, string pidDirectory)
{
    private readonly Lock _gate = new();
    private readonly ProcessLog _log = new(System.IO.Path.Combine(logDirectory, $"{name}.log"));
    private Process? _process;
    private bool _stopRequested;

    public string Name => name;

    public int Port => port;

    public string ApplicationName => $"chaos-{name}";

    public int? Pid
    {
        get
        {
            lock (_gate)
            {
                return _process?.Id;
            }
        }
    }

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false };
            }
        }
    }

    /// <summary>True when the current process ended without <see cref="Kill"/> or <see cref="StopAsync"/>.</summary>
    public bool ExitedOnItsOwn
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: true } && !_stopRequested;
            }
        }
    }

    public int? ExitCode
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: true } process ? process.ExitCode : null;
            }
        }
    }

    public string LogFile => _log.Path;

    /// <summary>What the current (or last) process wrote to its log.</summary>
    public string LogSinceStart() => _log.SinceStart();

    public Task Exited
    {
        get
        {
            lock (_gate)
            {
                return _process?.WaitForExitAsync() ?? Task.CompletedTask;
            }
        }
    }

    public void Start(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            ArgumentList = { "-c", "exec dotnet \"$0\" </dev/null >>\"$1\" 2>&1", dll, _log.Path },
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";

        // As in the container image, the app's folder is its content root: its appsettings.json
        // applies, and the configuration watcher does not watch the repository PostgreSQL writes to.
        start.Environment["DOTNET_CONTENTROOT"] = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(dll));
        _log.MarkStart(name);
        lock (_gate)
        {
            _process?.Dispose();
            _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
            _stopRequested = false;
            File.WriteAllText(Path.Combine(pidDirectory, $"{name}.pid"), _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>SIGKILL: no shutdown, no cleanup, no acknowledgements.</summary>
    public void Kill()
    {
        lock (_gate)
        {
            if (_process is { HasExited: false } process)
            {
                _stopRequested = true;
                process.Kill();
            }
        }
    }

    /// <summary>SIGTERM (graceful shutdown), then SIGKILL after the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        Process? process;
        lock (_gate)
        {
            process = _process;
            if (process is null || process.HasExited)
            {
                return;
            }

            _stopRequested = true;
        }

        Signals.Terminate(process.Id);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public async Task<bool> WaitReadyAsync(HttpClient probe, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !cancellationToken.IsCancellationRequested)
        {
            if (!IsRunning)
            {
                return false;
            }

            try
            {
                using var response = await probe.GetAsync($"http://127.0.0.1:{port}/health/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The probe timed out.
            }

            await Task.Delay(250, cancellationToken);
        }

        return false;
    }
}
