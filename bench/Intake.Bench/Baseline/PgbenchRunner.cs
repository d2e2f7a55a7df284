using System.Diagnostics;
using System.Globalization;
using Intake.Bench.Cpu;
using Intake.Bench.Load;
using Intake.Bench.Results;
using Npgsql;

namespace Intake.Bench.Baseline;

/// <summary>Runs one pgbench script at one client count and reads its per-transaction log.</summary>
public sealed class PgbenchRunner(string pgbench, string connectionString, string workDirectory, CpuMeter? cpu)
{
    public async Task<LoadRun> RunAsync(string scenario, BaselineScript script, LoadPlan plan, int? transactionsPerClient, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDirectory);
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var prefix = Path.Combine(workDirectory, $"pgb-{script.Name}-c{plan.Concurrency}");
        var threads = Math.Min(plan.Concurrency, Environment.ProcessorCount);
        var start = new ProcessStartInfo(pgbench)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-n", "-M", script.Protocol, "-f", script.Path,
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
        var cpuWindow = transactionsPerClient is null && cpu is not null
            ? cpu.MeasureWindowAsync(begun + ClosedLoop.Ticks(plan.Warmup), begun + ClosedLoop.Ticks(plan.Warmup + plan.Duration), cancellationToken)
            : null;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var usage = cpuWindow is null ? null : await cpuWindow;

        var errors = new ErrorTally();
        if (process.ExitCode != 0)
        {
            errors.Add($"pgbench exited {process.ExitCode}: {(await stderr).Trim()}");
        }

        var (entries, failed) = PgbenchLog.Read(prefix);
        for (var i = 0; i < failed; i++)
        {
            errors.Add("pgbench transaction failed");
        }

        var (completed, seconds, latency) = transactionsPerClient is null
            ? PgbenchLog.Window(entries, plan.Warmup, plan.Duration)
            : PgbenchLog.Window(entries, TimeSpan.Zero, null);
        if (completed == 0)
        {
            errors.Add($"pgbench completed no transaction: {(await stdout).Trim()} {(await stderr).Trim()}");
        }

        return new LoadRun(scenario, LoadRun.Baseline, $"pgbench {script.Name}.sql (-M {script.Protocol})", plan.Concurrency,
            seconds, completed, seconds > 0 ? completed / seconds : 0, latency.Summarize(),
            errors.Total, errors.Counts, errors.Samples, usage);
    }
}
