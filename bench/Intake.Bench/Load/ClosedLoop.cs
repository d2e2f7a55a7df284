using System.Diagnostics;
using Intake.Bench.Cpu;

namespace Intake.Bench.Load;

/// <summary>
/// Runs C clients in a closed loop for warm-up + duration. Latency and throughput count the
/// requests that complete inside the measurement window; errors count at any time (a failure
/// during the warm-up is still a failure). No coordinated-omission correction: a closed loop
/// measures service time under C outstanding requests, not response time at a fixed rate.
/// </summary>
public static class ClosedLoop
{
    public delegate Task<Outcome> Operation(int client, long sequence, CancellationToken cancellationToken);

    public static Task<LoadMeasurement> RunAsync(LoadPlan plan, Operation operation, CpuMeter? cpu, CancellationToken cancellationToken) =>
        RunAsync(plan, operation, cpu, classes: 1, cancellationToken);

    /// <param name="classes">
    /// Request kinds the operation interleaves (it sends kind <c>sequence % classes</c>): their
    /// latencies and errors are also kept apart, in <see cref="LoadMeasurement.ByClass"/>.
    /// </param>
    public static async Task<LoadMeasurement> RunAsync(LoadPlan plan, Operation operation, CpuMeter? cpu, int classes, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var windowStart = start + Ticks(plan.Warmup);
        var windowEnd = windowStart + Ticks(plan.Duration);
        var errors = new ErrorTally();
        var classErrors = Enumerable.Range(0, classes).Select(_ => new ErrorTally()).ToArray();
        var recorders = Enumerable.Range(0, plan.Concurrency)
            .Select(_ => Enumerable.Range(0, classes).Select(_ => new LatencyRecorder()).ToArray()).ToArray();
        var cpuWindow = cpu?.MeasureWindowAsync(windowStart, windowEnd, cancellationToken);

        var clients = Enumerable.Range(0, plan.Concurrency).Select(client => Task.Run(async () =>
        {
            var own = recorders[client];
            for (long sequence = 0; ; sequence++)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= windowEnd || cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                Outcome outcome;
                try
                {
                    outcome = await operation(client, sequence, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    outcome = Outcome.Fail($"{exception.GetType().Name}: {exception.Message}");
                }

                var t1 = Stopwatch.GetTimestamp();
                if (!outcome.IsOk)
                {
                    errors.Add(outcome.Error!);
                    classErrors[sequence % classes].Add(outcome.Error!);
                }
                else if (t1 >= windowStart && t1 <= windowEnd)
                {
                    own[sequence % classes].RecordElapsed(t0, t1);
                }
            }
        }, cancellationToken)).ToArray();

        await Task.WhenAll(clients);
        var usage = cpuWindow is null ? null : await cpuWindow;
        var byClass = Enumerable.Range(0, classes)
            .Select(k => new ClassMeasurement(LatencyRecorder.Merge(recorders.Select(r => r[k])), classErrors[k])).ToList();
        var merged = LatencyRecorder.Merge(byClass.Select(c => c.Latency));
        return new LoadMeasurement(plan.Concurrency, plan.Duration.TotalSeconds, merged.Count, merged, errors, usage, byClass);
    }

    public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
