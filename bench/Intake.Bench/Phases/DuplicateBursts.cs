using System.Diagnostics;
using Intake.Bench.Api;
using Intake.Bench.Db;
using Intake.Bench.Load;
using Intake.Bench.Results;

namespace Intake.Bench.Phases;

/// <summary>
/// Scenario 4: bursts of N identical requests (same user, key and body) released at once. Each
/// burst must produce one job: N 202s with byte-identical bodies, N-1 of them replays, the key
/// resolving to that job, and exactly one jobs row under the key.
/// </summary>
public sealed class DuplicateBursts(IntakeClient api, IReadOnlyList<BenchUser> users, BenchDb db)
{
    public async Task<BurstRun> RunAsync(int size, int bursts, string keyPrefix, CancellationToken cancellationToken)
    {
        var burstLatency = new LatencyRecorder();
        var requestLatency = new LatencyRecorder();
        var errors = new ErrorTally();
        long replays = 0, conflicts = 0;

        for (var burst = 0; burst < bursts; burst++)
        {
            var user = users[burst % users.Count];
            var key = $"{keyPrefix}-{burst}";
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var requests = Enumerable.Range(0, size).Select(async _ =>
            {
                await gate.Task;
                var t0 = Stopwatch.GetTimestamp();
                var response = await api.SubmitAsync(user, key, cancellationToken);
                return (Response: response, Start: t0, End: Stopwatch.GetTimestamp());
            }).ToArray();

            await Task.Delay(5, cancellationToken);
            var released = Stopwatch.GetTimestamp();
            gate.SetResult();
            var answers = await Task.WhenAll(requests);
            burstLatency.RecordElapsed(released, answers.Max(a => a.End));
            foreach (var answer in answers)
            {
                requestLatency.RecordElapsed(answer.Start, answer.End);
            }

            replays += answers.Count(a => a.Response.Replayed);
            conflicts += answers.Count(a => a.Response.Status == 409);
            var check = Check(answers.Select(a => a.Response).ToList());
            if (check is not null)
            {
                errors.Add($"burst {key}: {check}");
                continue;
            }

            var jobId = answers[0].Response.JobId!;
            var byKey = await api.GetByKeyAsync(user, key, cancellationToken);
            if (byKey.Status != 200 || byKey.JobId != jobId)
            {
                errors.Add($"burst {key}: GET by key gave {byKey.Describe()}, expected job {jobId}");
            }
        }

        var perKey = await db.JobsPerKeyAsync(users.Select(u => u.Id).ToArray(), keyPrefix + "-", cancellationToken);
        var exactlyOne = perKey.Count(kv => kv.Value == 1);
        var violating = perKey.Count(kv => kv.Value > 1);
        if (violating > 0)
        {
            errors.Add($"{violating} burst(s) created more than one job under one key");
        }

        return new BurstRun(size, bursts, burstLatency.Summarize(), requestLatency.Summarize(), replays, conflicts,
            exactlyOne, violating, errors.Total, errors.Samples);
    }

    private static string? Check(IReadOnlyList<ApiResponse> responses)
    {
        if (responses.FirstOrDefault(r => r.Status != 202) is { } odd)
        {
            return $"expected 202 from every request, got {odd.Describe()}";
        }

        var first = responses[0].Body;
        if (responses.Any(r => !r.Body.AsSpan().SequenceEqual(first)))
        {
            return "bodies differ";
        }

        var fresh = responses.Count(r => !r.Replayed);
        return fresh == 1 ? null : $"{fresh} responses were not replays (expected exactly 1)";
    }
}
