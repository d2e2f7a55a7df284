namespace Intake.Bench.Cpu;

/// <summary>
/// Classifies processes. Our own API and worker processes are named by pid files that
/// scripts/bench.sh writes (&lt;results&gt;/pids/api.pid, worker-1.pid, …); PostgreSQL backends
/// are recognised by their process title (which names the database).
/// </summary>
public sealed class ProcessRoles(string? pidDirectory, string benchDatabase)
{
    private static readonly string[] PostgresAuxiliaries =
        ["checkpointer", "background writer", "walwriter", "autovacuum launcher", "logical replication launcher", "archiver", "stats"];

    private readonly int _self = Environment.ProcessId;

    /// <summary>Pids named by the pid files, read on every sample (workers come and go between phases).</summary>
    public IReadOnlyDictionary<int, string> NamedPids()
    {
        var named = new Dictionary<int, string>();
        if (pidDirectory is null || !Directory.Exists(pidDirectory))
        {
            return named;
        }

        foreach (var file in Directory.EnumerateFiles(pidDirectory, "*.pid"))
        {
            if (int.TryParse(File.ReadAllText(file).Trim(), out var pid))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                named[pid] = name.StartsWith("worker", StringComparison.Ordinal) ? CpuCategories.Workers : CpuCategories.Api;
            }
        }

        return named;
    }

    public string? Classify(int pid, int parentPid, string command, IReadOnlyDictionary<int, string> named, Func<string> commandLine)
    {
        if (pid == _self)
        {
            return CpuCategories.Client;
        }

        if (named.TryGetValue(pid, out var role))
        {
            return role;
        }

        switch (command)
        {
            case "pgbench" when parentPid == _self:
                return CpuCategories.Pgbench;
            case "beam.smp":
                return CpuCategories.RabbitMq;
            case "postgres":
                return ClassifyPostgres(commandLine());
            default:
                return null;
        }
    }

    private string? ClassifyPostgres(string title)
    {
        var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Contains(benchDatabase))
        {
            return CpuCategories.PostgresBench;
        }

        if (!title.StartsWith("postgres:", StringComparison.Ordinal) || PostgresAuxiliaries.Any(title.Contains))
        {
            // The postmaster itself, or a background process shared by every database.
            return CpuCategories.PostgresShared;
        }

        // A backend of another database: someone else's load.
        return null;
    }
}
