namespace Intake.Chaos.Stack;

/// <summary>The API and the worker processes of one chaos run.</summary>
public sealed class IntakeStack : IDisposable
{
    /// <summary>
    /// Long: a process restarted while the broker or the database is down only becomes ready once
    /// it is back, and on a loaded machine a .NET start-up alone can take a minute.
    /// </summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(10);
    private readonly StackSettings _settings;
    private readonly Dictionary<ManagedProcess, WorkerKind> _kinds = [];
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(3) };

    public IntakeStack(StackSettings settings, int documentWorkers, int mixedWorkers)
    {
        _settings = settings;
        Directory.CreateDirectory(settings.LogDirectory);
        Directory.CreateDirectory(settings.PidDirectory);
        Api = new ManagedProcess("api", settings.HttpPort, settings.ApiDll, settings.LogDirectory, settings.PidDirectory);
        var port = settings.HttpPort;
        var workers = new List<ManagedProcess>();
        foreach (var (kind, count) in new[] { (WorkerKind.Documents, documentWorkers), (WorkerKind.Mixed, mixedWorkers) })
        {
            for (var i = 1; i <= count; i++)
            {
                var worker = new ManagedProcess($"{kind.Prefix}-{i}", ++port, settings.WorkersDll, settings.LogDirectory, settings.PidDirectory);
                _kinds[worker] = kind;
                workers.Add(worker);
            }
        }

        Workers = workers;
    }

    public ManagedProcess Api { get; }

    public IReadOnlyList<ManagedProcess> Workers { get; }

    public Uri ApiAddress => new($"http://127.0.0.1:{_settings.HttpPort}");

    public async Task StartAllAsync(int? apiCrashAfterCommits, CancellationToken cancellationToken)
    {
        Api.Start(StackEnvironment.Api(_settings, Api, apiCrashAfterCommits));
        foreach (var worker in Workers)
        {
            StartWorker(worker);
        }

        var all = Workers.Prepend(Api).ToList();
        var ready = await Task.WhenAll(all.Select(p => p.WaitReadyAsync(_probe, ReadyTimeout, cancellationToken)));
        var failed = all.Where((_, i) => !ready[i]).Select(p => p.Name).ToList();
        if (failed.Count > 0)
        {
            throw new InvalidOperationException($"Not ready within {ReadyTimeout.TotalSeconds:0} s: {string.Join(", ", failed)} (logs: {_settings.LogDirectory}).");
        }
    }

    public void StartWorker(ManagedProcess worker) =>
        worker.Start(StackEnvironment.Worker(_settings, worker, _kinds[worker]));

    public WorkerKind KindOf(ManagedProcess worker) => _kinds[worker];

    /// <summary>Starts the API (stopping it gracefully first if it runs) and waits until it is ready.</summary>
    public async Task<bool> RestartApiAsync(int? crashAfterCommits, CancellationToken cancellationToken)
    {
        await Api.StopAsync(TimeSpan.FromSeconds(20));
        Api.Start(StackEnvironment.Api(_settings, Api, crashAfterCommits));
        return await Api.WaitReadyAsync(_probe, ReadyTimeout, cancellationToken);
    }

    public Task<bool> WaitReadyAsync(ManagedProcess process, CancellationToken cancellationToken) =>
        process.WaitReadyAsync(_probe, ReadyTimeout, cancellationToken);

    public Task<bool> WaitReadyAsync(ManagedProcess process, TimeSpan timeout, CancellationToken cancellationToken) =>
        process.WaitReadyAsync(_probe, timeout, cancellationToken);

    public async Task StopAllAsync()
    {
        await Task.WhenAll(Workers.Prepend(Api).Select(p => p.StopAsync(TimeSpan.FromSeconds(20))));
    }

    public void KillAll()
    {
        foreach (var process in Workers.Prepend(Api))
        {
            process.Kill();
        }
    }

    public void Dispose() => _probe.Dispose();
}
