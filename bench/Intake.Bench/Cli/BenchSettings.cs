using Npgsql;

namespace Intake.Bench.Cli;

/// <summary>Everything a phase needs to know, from the command line and the environment.</summary>
public sealed record BenchSettings(
    string ResultsDirectory,
    Uri Api,
    string ConnectionString,
    string SigningKey,
    bool Smoke,
    TimeSpan Warmup,
    TimeSpan Duration,
    IReadOnlyList<int> Concurrency,
    string Pgbench,
    string RunTag)
{
    public const string DevelopmentSigningKey = "intake-development-signing-key-0123456789abcdef";

    public string PidDirectory => Path.Combine(ResultsDirectory, "pids");

    public string WorkDirectory => Path.Combine(ResultsDirectory, "work");

    public string Database => new NpgsqlConnectionStringBuilder(ConnectionString).Database ?? "intake_bench";

    public static BenchSettings From(CommandLine line)
    {
        var smoke = line.Flag("smoke");
        var duration = line.Number("duration", smoke ? 0.6 : 6);
        var warmup = line.Number("warmup", smoke ? 0.3 : Math.Clamp(duration / 3, 1, 3));
        return new BenchSettings(
            ResultsDirectory: Path.GetFullPath(line.Text("results") ?? throw new ArgumentException("--results DIR is required")),
            Api: new Uri(line.Text("api", "http://127.0.0.1:18080")),
            ConnectionString: line.Text("pg")
                ?? Environment.GetEnvironmentVariable("ConnectionStrings__Intake")
                ?? "Host=127.0.0.1;Port=55432;Database=intake_bench;Username=intake;Password=intake",
            SigningKey: Environment.GetEnvironmentVariable("Auth__SigningKey") is { Length: > 0 } key ? key : DevelopmentSigningKey,
            Smoke: smoke,
            Warmup: TimeSpan.FromSeconds(warmup),
            Duration: TimeSpan.FromSeconds(duration),
            Concurrency: line.Integers("concurrency", smoke ? [1, 4] : [1, 8, 32]),
            Pgbench: line.Text("pgbench") ?? FindPgbench(),
            RunTag: line.Text("tag") ?? DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string FindPgbench()
    {
        string[] candidates = ["/usr/lib/postgresql/15/bin/pgbench", "/usr/bin/pgbench"];
        return candidates.FirstOrDefault(File.Exists) ?? "pgbench";
    }
}
