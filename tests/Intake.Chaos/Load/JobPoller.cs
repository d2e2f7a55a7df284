using Intake.Chaos.Http;

namespace Intake.Chaos.Load;

/// <summary>Polls a job by key, like a client waiting for its result, through whatever faults are running.</summary>
public sealed class JobPoller(ChaosHttp http)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public async Task<JobSnapshot?> WaitTerminalAsync(ChaosUser user, string key, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < Patience)
        {
            var answer = await http.SendUntilDefinitiveAsync(HttpMethod.Get, $"/v1/jobs/by-key/{key}", user, null, null, "poll", cancellationToken);
            if (answer.Status == 200 && JobSnapshot.Parse(answer.Body) is { IsTerminal: true } job)
            {
                return job;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(750), cancellationToken);
        }

        return null;
    }
}
