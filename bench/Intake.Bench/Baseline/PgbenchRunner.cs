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
    /// The script once before and once after <paramref name="between"/> (the app's run at the same
    /// client count), reported as one baseline over both windows. The machine is shared, and its
    /// speed drifts over minutes: a baseline taken only before the app run moved the ratio by as
    /// much as the difference being measured, and bracketing the app run cancels a steady drift.
    /// <see cref="LoadRun.BaselineSplit"/> keeps each half's throughput, so the drift stays visible.
    /// </summary>
    public async Task<LoadRun> RunAroundAsync(
        string scenario, BaselineScript script, LoadPlan plan, int? transactionsPerClient, Func<Task> between, CancellationToken cancellationToken)
    {
        var mix = new[] { (scenario, script) };
        var before = await RunPassAsync(mix, plan, transactionsPerClient, cancellationToken);
        await between();
        var after = await RunPassAsync(mix, plan, transactionsPerClient, cancellationToken);
        var run = ToRuns(mix, plan, transactionsPerClient, [before, after])[0];
        var halves = new[] { before, after }.Select(pass => ToRuns(mix, plan, transactionsPerClient, [pass])[0].Throughput).ToArray();
        return run with { BaselineSplit = new BaselineSplit(halves[0], halves[1]) };
    }

    /// <summary>
    /// Several scripts in one pgbench run, each client picking one at random per transaction
    /// (equal weights): one LoadRun per script, measured in the same window under the same load.
    /// CPU is measured only for a single script (a mix's CPU cannot be split between its scripts).
    /// </summary>
    public async Task<IReadOnlyList<LoadRun>> RunMixAsync(
        IReadOnlyList<(string Scenario, BaselineScript Script)> mix, LoadPlan plan, int? transactionsPerClient, CancellationToken cancellationToken) =>
        ToRuns(mix, plan, transactionsPerClient, [await RunPassAsync(mix, plan, transactionsPerClient, cancellationToken)]);

    /// <summary>One pgbench process: its transactions, failures and the CPU over its measured window.</summary>
    private async Task<PgbenchPass> RunPassAsync(
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
        return new PgbenchPass(entries, failedScripts, exitError, output, usage);
    }

    /// <summary>One LoadRun per script of the mix over the measured windows of all <paramref name="passes"/>.</summary>
    private static List<LoadRun> ToRuns(
        IReadOnlyList<(string Scenario, BaselineScript Script)> mix, LoadPlan plan, int? transactionsPerClient, IReadOnlyList<PgbenchPass> passes)
    {
        var runs = new List<LoadRun>();
        for (var i = 0; i < mix.Count; i++)
        {
            var (scenario, script) = mix[i];
            int? only = mix.Count == 1 ? null : i;
            var errors = new ErrorTally();
            var latency = new LatencyRecorder();
            long completed = 0;
            double seconds = 0;
            foreach (var pass in passes)
            {
                if (pass.ExitError is not null && i == 0)
                {
                    // Once per run, with the first script (as an interleaved app run's shared failures would be).
                    errors.Add(pass.ExitError);
                }

                foreach (var _ in pass.FailedScripts.Where(s => only is null || s == only))
                {
                    errors.Add("pgbench transaction failed");
                }

                var (count, window, recorded) = transactionsPerClient is null
                    ? PgbenchLog.Window(pass.Entries, plan.Warmup, plan.Duration, only)
                    : PgbenchLog.Window(pass.Entries, TimeSpan.Zero, null, only);
                if (count == 0)
                {
                    errors.Add($"pgbench completed no transaction of {script.Name}.sql: {pass.Output}");
                }

                completed += count;
                seconds += window;
                latency.Add(recorded);
            }

            runs.Add(new LoadRun(scenario, LoadRun.Baseline, $"pgbench {script.Name}.sql (-M {script.Protocol})", plan.Concurrency,
                seconds, completed, seconds > 0 ? completed / seconds : 0, latency.Summarize(),
                errors.Total, errors.Counts, errors.Samples, CpuUsage.Sum(passes.Select(p => p.Usage))));
        }

        return runs;
    }
}
