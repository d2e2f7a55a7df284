using System.Diagnostics;
using System.Globalization;
using Intake.Bench.Cpu;
using Intake.Bench.Load;
using Intake.Bench.Results;
using Npgsql;

namespace Intake.Bench.Baseline;

/// <summary>Runs one pgbench script, or a mix of scripts, at one client count and reads its per-transaction log.</summary>
public sealed class PgbenchRunner(string pgbench, string connectionString, string workDirectory, CpuMeter? cpu)
{
    public async Task<LoadRun> RunAsync(string scenario, BaselineScript script, LoadPlan plan, int? transactionsPerClient, CancellationToken cancellationToken) =>
        (await RunMixAsync([(scenario, script)], plan, transactionsPerClient, cancellationToken))[0];

    /// <summary>
    /// Several scripts in one pgbench run, each client picking one at random per transaction
    /// (equal weights): one LoadRun per script, measured in the same window under the same load.
    /// CPU is measured only for a single script (a mix's CPU cannot be split between its scripts).
    /// </summary>
    public async Task<IReadOnlyList<LoadRun>> RunMixAsync(
        IReadOnlyList<(string Scenario, BaselineScript Script)> mix, LoadPlan plan, int? transactionsPerClient, CancellationToken cancellationToken)
    {
        if (mix.Select(m => m.Script.Protocol).Distinct().Count() != 1)
        {
            throw new ArgumentException("pgbench runs every script of a mix with one protocol (-M)", nameof(mix));
        }

        Directory.CreateDirectory(workDirectory);
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var prefix = Path.Combine(workDirectory, $"pgb-{string.Join('+', mix.Select(m => m.Script.Name))}-c{plan.Concurrency}");
        var threads = Math.Min(plan.Concurrency, Environment.ProcessorCount);
        var start = new ProcessStartInfo(pgbench)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-n", "-M", mix[0].Script.Protocol,
            "-c", plan.Concurrency.ToString(CultureInfo.InvariantCulture),
            "-j", threads.ToString(CultureInfo.InvariantCulture),
            "-l", $"--log-prefix={prefix}",
            "-h", connection.Host ?? "127.0.0.1",
            "-p", connection.Port.ToString(CultureInfo.InvariantCulture),
            "-U", connection.Username ?? "intake",
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (_, script) in mix)
        {
            start.ArgumentList.Add("-f");
            start.ArgumentList.Add(mix.Count == 1 ? script.Path : $"{script.Path}@1");
        }

        if (transactionsPerClient is { } count)
        {
            start.ArgumentList.Add("-t");
            start.ArgumentList.Add(count.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            start.ArgumentList.Add("-T");
            start.ArgumentList.Add(((int)Math.Ceiling((plan.Warmup + plan.Duration).TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        }

        start.ArgumentList.Add(connection.Database ?? "intake_bench");
        start.Environment["PGPASSWORD"] = connection.Password ?? string.Empty;

        var begun = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {pgbench}");
        var cpuWindow = transactionsPerClient is null && cpu is not null && mix.Count == 1
            ? cpu.MeasureWindowAsync(begun + ClosedLoop.Ticks(plan.Warmup), begun + ClosedLoop.Ticks(plan.Warmup + plan.Duration), cancellationToken)
            : null;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var usage = cpuWindow is null ? null : await cpuWindow;

        var (entries, failedScripts) = PgbenchLog.Read(prefix);
        var exitError = process.ExitCode != 0 ? $"pgbench exited {process.ExitCode}: {(await stderr).Trim()}" : null;
        var output = $"{(await stdout).Trim()} {(await stderr).Trim()}";
        var runs = new List<LoadRun>();
        for (var i = 0; i < mix.Count; i++)
        {
            var (scenario, script) = mix[i];
            int? only = mix.Count == 1 ? null : i;
            var errors = new ErrorTally();
            if (exitError is not null && i == 0)
            {
                // Once per run, with the first script (as an interleaved app run's shared failures would be).
                errors.Add(exitError);
            }

            foreach (var _ in failedScripts.Where(s => only is null || s == only))
            {
                errors.Add("pgbench transaction failed");
            }

            var (completed, seconds, latency) = transactionsPerClient is null
                ? PgbenchLog.Window(entries, plan.Warmup, plan.Duration, only)
                : PgbenchLog.Window(entries, TimeSpan.Zero, null, only);
            if (completed == 0)
            {
                errors.Add($"pgbench completed no transaction of {script.Name}.sql: {output}");
            }

            runs.Add(new LoadRun(scenario, LoadRun.Baseline, $"pgbench {script.Name}.sql (-M {script.Protocol})", plan.Concurrency,
                seconds, completed, seconds > 0 ? completed / seconds : 0, latency.Summarize(),
                errors.Total, errors.Counts, errors.Samples, usage));
        }

        return runs;
    }
}
