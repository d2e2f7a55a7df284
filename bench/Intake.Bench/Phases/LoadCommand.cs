using Intake.Bench.Load;
using Intake.Bench.Ui;

namespace Intake.Bench.Phases;

/// <summary>
/// One scenario against a running API for a while, nothing else: a steady load to attach a
/// profiler to (perf, dotnet-trace, dotnet-counters). Prints throughput and latency.
/// </summary>
public sealed class LoadCommand(PhaseContext context)
{
    public async Task<int> RunAsync(string scenario, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var clients = settings.Concurrency.Max();
        var users = await context.Users.CreateAsync(Enumerable.Range(0, clients).Select(i => $"load-{settings.RunTag}-{i}"), 600, cancellationToken);
        var keys = users.Select((_, i) => $"load-rp-{settings.RunTag}-{i}").ToList();
        var bodies = new List<byte[]>();
        for (var i = 0; i < users.Count; i++)
        {
            bodies.Add((await context.Api.SubmitAsync(users[i], keys[i], cancellationToken)).Body);
        }

        var operations = new HttpOperations(context.Api, users, keys, bodies);
        ClosedLoop.Operation operation = scenario switch
        {
            Scenarios.SubmitNew => operations.SubmitNew($"load-{settings.RunTag}"),
            Scenarios.SubmitNoKey => operations.SubmitNoKey(),
            Scenarios.Replay => operations.Replay(),
            Scenarios.Status => operations.Status(),
            _ => throw new ArgumentException($"unknown scenario '{scenario}' ({Scenarios.SubmitNew}, {Scenarios.SubmitNoKey}, {Scenarios.Replay}, {Scenarios.Status})"),
        };

        Say.Line($"load: {scenario} at {clients} clients for {settings.Warmup.TotalSeconds:F0} + {settings.Duration.TotalSeconds:F0} s");
        var run = (await ClosedLoop.RunAsync(new LoadPlan(clients, settings.Warmup, settings.Duration), operation, context.Cpu, cancellationToken))
            .ToRun(scenario, Results.LoadRun.App, scenario);
        Say.Line($"load: {run.Throughput:F0} req/s, p50 {run.Latency.P50Ms:F2} ms, p99 {run.Latency.P99Ms:F2} ms, {run.ErrorCount} errors");
        return run.ErrorCount == 0 ? 0 : 1;
    }
}
