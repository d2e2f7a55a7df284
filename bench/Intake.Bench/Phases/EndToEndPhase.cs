using System.Diagnostics;
using Intake.Bench.Api;
using Intake.Bench.Cpu;
using Intake.Bench.Db;
using Intake.Bench.Load;
using Intake.Bench.Results;
using Intake.Bench.Ui;

namespace Intake.Bench.Phases;

/// <summary>
/// Scenario 6 with W worker processes running (started by scripts/bench.sh): small documents,
/// one per job (two jobs on one document would rewrite the same chunks and collide).
/// Throughput: M jobs submitted as fast as 8 clients can, jobs/s from the first job's created_at
/// to the last completed_at. Latency at moderate load: jobs submitted open-loop at a fixed rate;
/// commit → handler start is started_at − created_at from GET /v1/jobs/by-key. Both stamps come
/// from this machine's clock (API and worker), so there is no skew, but created_at is taken
/// before the submit transaction commits: the figure includes the commit itself.
/// The worker processes are started fresh for each W, so an unmeasured warm-up batch runs first
/// (its jobs spread over the W processes): otherwise most of each process's JIT compilation of
/// the document pipeline, paid once per process, is charged to the measured jobs, W times over.
/// </summary>
public sealed class EndToEndPhase(PhaseContext context)
{
    private const int DocumentCharacters = 1500;

    public async Task<int> RunAsync(
        int workers, int jobs, int warmUpJobsPerWorker, double pacedRate, double pacedSeconds, CancellationToken cancellationToken)
    {
        var tag = $"{context.Settings.RunTag}-w{workers}";
        var submitters = context.Settings.Smoke ? 4 : 8;
        var errors = new ErrorTally();

        var warmUp = await WarmUpAsync(workers, warmUpJobsPerWorker * workers, submitters, tag, errors, cancellationToken);

        var batchUsers = Enumerable.Range(0, submitters).Select(i => $"e2e-{tag}-b{i}").ToArray();
        var pacedUsers = Enumerable.Range(0, 4).Select(i => $"e2e-{tag}-p{i}").ToArray();
        Say.Line($"e2e w={workers}: uploading {jobs} documents of ~{DocumentCharacters} characters");
        var batchDocuments = await UploadAsync(batchUsers, jobs, cancellationToken);

        // Throughput.
        await context.Db.SettleAsync(cancellationToken);
        Say.Line($"e2e w={workers}: submitting {jobs} jobs from {submitters} clients");
        var before = context.Cpu?.Capture();
        var submitClock = Stopwatch.StartNew();
        await SubmitBatchAsync(batchUsers, batchDocuments, $"e2e-{tag}", "batch", errors, cancellationToken);
        var submitSeconds = submitClock.Elapsed.TotalSeconds;
        var submitEnded = DateTimeOffset.UtcNow;
        var timing = await WaitForJobsAsync(batchUsers, jobs, "batch", errors, cancellationToken);
        var cpu = before is null ? null : CpuMeter.Diff(before, context.Cpu!.Capture());
        var origin = timing.FirstCreatedAt ?? submitEnded;
        var totalSeconds = timing.LastCompletedAt is { } last ? (last - origin).TotalSeconds : 0;
        var timeline = await context.Db.CompletionTimelineAsync(batchUsers, origin, cancellationToken);
        var drain = DrainRate(timeline, (submitEnded - origin).TotalSeconds);

        // Moderate load: the requested rate, but at most 30 % of what this setup just sustained
        // (a rate above capacity measures queueing, not the relay and broker path).
        var sustained = totalSeconds > 0 ? timing.Succeeded / totalSeconds : 0;
        pacedRate = Math.Round(Math.Max(2, Math.Min(pacedRate, 0.3 * sustained)), 1);
        var pacedJobs = Math.Max(1, (int)(pacedRate * pacedSeconds));
        var pacedDocuments = await UploadAsync(pacedUsers, pacedJobs, cancellationToken);
        Say.Line($"e2e w={workers}: {pacedJobs} jobs paced at {pacedRate}/s");

        // The paced run's own CPU: whether "moderate load" left cores free, and how much of them
        // the rest of the box (noise) took, is what its latencies are read against.
        var pacedBefore = context.Cpu?.Capture();
        var pacedKeys = await SubmitPacedAsync(pacedUsers, pacedDocuments, pacedRate, pacedJobs, tag, errors, cancellationToken);
        await WaitForJobsAsync(pacedUsers, pacedJobs, "paced", errors, cancellationToken);
        var pacedCpu = pacedBefore is null ? null : CpuMeter.Diff(pacedBefore, context.Cpu!.Capture());
        var (commitToStart, submitToSucceeded) = await LatenciesAsync(pacedKeys, errors, cancellationToken);
        var commitToSent = new LatencyRecorder();
        foreach (var delay in await context.Db.RelayDelaysAsync(pacedUsers, cancellationToken))
        {
            commitToSent.RecordMilliseconds(delay);
        }

        var result = new EndToEndResult(
            workers, jobs, submitSeconds, jobs / Math.Max(submitSeconds, 1e-6), totalSeconds,
            totalSeconds > 0 ? timing.Succeeded / totalSeconds : 0, drain,
            (int)timing.Succeeded, (int)timing.Failed, (int)timing.Retried,
            pacedRate, pacedJobs, commitToStart.Summarize(), commitToSent.Summarize(), submitToSucceeded.Summarize(), timeline, cpu,
            errors.Total, errors.Samples, warmUp.Jobs, warmUp.Seconds, pacedCpu);
        await ResultFiles.WriteAsync(context.Settings.ResultsDirectory, ResultFiles.EndToEnd(workers), result);
        Say.Line($"e2e w={workers}: {result.JobsPerSecond:F0} jobs/s ({timing.Succeeded}/{jobs} succeeded in {totalSeconds:F2} s; " +
                 $"drain {drain:F0}/s); commit→start p50 {result.CommitToStart.P50Ms:F1} ms p99 {result.CommitToStart.P99Ms:F1} ms");
        foreach (var sample in errors.Samples)
        {
            Say.Error($"e2e w={workers}: {sample}");
        }

        return errors.Total == 0 ? 0 : 1;
    }

    /// <summary>
    /// Unmeasured: submits <paramref name="count"/> jobs as the measured batch does and waits for
    /// them. Its failures count as the run's errors (a job that fails here would fail there too).
    /// </summary>
    private async Task<(int Jobs, double Seconds)> WarmUpAsync(
        int workers, int count, int submitters, string tag, ErrorTally errors, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return (0, 0);
        }

        var users = Enumerable.Range(0, submitters).Select(i => $"e2e-{tag}-warm{i}").ToArray();
        Say.Line($"e2e w={workers}: warming up the worker process(es) with {count} jobs (not measured)");
        var documents = await UploadAsync(users, count, cancellationToken);
        var clock = Stopwatch.StartNew();
        await SubmitBatchAsync(users, documents, $"e2e-{tag}-warm-up", "warm-up", errors, cancellationToken);
        await WaitForJobsAsync(users, count, "warm-up", errors, cancellationToken);
        return (count, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Each user's documents submitted one job at a time by one client per user, all users at once.</summary>
    private async Task SubmitBatchAsync(
        string[] users, List<IReadOnlyList<string>> documents, string keyPrefix, string label, ErrorTally errors, CancellationToken cancellationToken) =>
        await Task.WhenAll(users.Select(async (userId, i) =>
        {
            var user = Owner(userId);
            for (var n = 0; n < documents[i].Count; n++)
            {
                var response = await context.Api.PostJsonAsync(IntakeClient.ProcessDocumentPath, user, $"{keyPrefix}-{i}-{n}", Body(documents[i][n]), cancellationToken);
                if (response.Status != 202)
                {
                    errors.Add($"e2e {label} submit: {response.Describe()}");
                }
            }
        }));

    private BenchUser Owner(string userId) => new(userId, context.Users.Authorization(userId), string.Empty);

    private static byte[] Body(string documentId) => System.Text.Encoding.UTF8.GetBytes($"{{\"documentId\":\"{documentId}\"}}");

    private async Task<List<IReadOnlyList<string>>> UploadAsync(string[] users, int total, CancellationToken cancellationToken)
    {
        var perUser = users.Select((_, i) => (total / users.Length) + (i < total % users.Length ? 1 : 0)).ToArray();
        var documents = new List<IReadOnlyList<string>>();
        for (var i = 0; i < users.Length; i++)
        {
            documents.Add(await context.Users.UploadManyAsync(users[i], perUser[i], DocumentCharacters, 8, cancellationToken));
        }

        return documents;
    }

    private async Task<List<(BenchUser User, string Key)>> SubmitPacedAsync(
        string[] users, List<IReadOnlyList<string>> documents, double rate, int count, string tag, ErrorTally errors, CancellationToken cancellationToken)
    {
        var owners = users.Select(Owner).ToArray();
        var keys = new List<(BenchUser, string)>();
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < count; k++)
        {
            var due = TimeSpan.FromSeconds(k / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var owner = owners[k % owners.Length];
            var document = documents[k % owners.Length][k / owners.Length];
            var key = $"e2e-{tag}-paced-{k}";
            keys.Add((owner, key));
            inFlight.Add(Task.Run(async () =>
            {
                var response = await context.Api.PostJsonAsync(IntakeClient.ProcessDocumentPath, owner, key, Body(document), cancellationToken);
                if (response.Status != 202)
                {
                    errors.Add($"e2e paced submit: {response.Describe()}");
                }
            }, cancellationToken));
        }

        await Task.WhenAll(inFlight);
        return keys;
    }

    private async Task<JobTiming> WaitForJobsAsync(string[] users, int expected, string label, ErrorTally errors, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(context.Settings.Smoke ? 60 : 240);
        var clock = Stopwatch.StartNew();
        JobTiming timing;
        while (true)
        {
            timing = await context.Db.JobTimingAsync(users, cancellationToken);
            if (timing.Succeeded + timing.Failed >= expected || clock.Elapsed > timeout)
            {
                break;
            }

            await Task.Delay(100, cancellationToken);
        }

        if (timing.Succeeded < expected)
        {
            errors.Add($"e2e {label}: {timing.Succeeded}/{expected} jobs succeeded ({timing.Failed} failed) within {timeout.TotalSeconds:F0} s");
        }

        return timing;
    }

    private async Task<(LatencyRecorder CommitToStart, LatencyRecorder SubmitToSucceeded)> LatenciesAsync(
        List<(BenchUser User, string Key)> keys, ErrorTally errors, CancellationToken cancellationToken)
    {
        var commitToStart = new LatencyRecorder();
        var submitToSucceeded = new LatencyRecorder();
        var gate = new SemaphoreSlim(8);
        var snapshots = await Task.WhenAll(keys.Select(async entry =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var response = await context.Api.GetByKeyAsync(entry.User, entry.Key, cancellationToken);
                return response.Status == 200 ? JobSnapshot.Parse(response.Body) : null;
            }
            finally
            {
                gate.Release();
            }
        }));

        foreach (var job in snapshots)
        {
            if (job is not { Status: "succeeded", StartedAt: { } started, CompletedAt: { } completed })
            {
                errors.Add($"paced job not succeeded: {job?.Status ?? "not found"}");
                continue;
            }

            commitToStart.RecordMilliseconds((started - job.CreatedAt).TotalMilliseconds);
            submitToSucceeded.RecordMilliseconds((completed - job.CreatedAt).TotalMilliseconds);
        }

        return (commitToStart, submitToSucceeded);
    }

    /// <summary>Completions per second after the last submission returned (workers alone, no intake load).</summary>
    private static double DrainRate(IReadOnlyList<TimelinePoint> timeline, double submitEnd)
    {
        if (timeline.Count == 0)
        {
            return 0;
        }

        var atSubmitEnd = timeline.LastOrDefault(p => p.Seconds <= submitEnd)?.Value ?? 0;
        var end = timeline[^1];
        var seconds = end.Seconds + 0.1 - submitEnd;
        return seconds > 0.2 ? (end.Value - atSubmitEnd) / seconds : 0;
    }
}
