using System.Collections.Concurrent;
using Intake.Contracts;
using Intake.Persistence.Inbox;

namespace Intake.IntegrationTests.Infrastructure;

/// <summary>
/// Programs failures and delays at the inbox's pre-commit seam: a job's effects have been written
/// but not committed, which is exactly where a worker crash or a broken dependency hurts most.
/// Rules match commands (not job ids), so they can be set before the job is submitted.
/// </summary>
public sealed class TestFaultInjector : IJobFaultInjector
{
    private readonly ConcurrentQueue<Rule> _rules = new();
    private readonly ConcurrentDictionary<Guid, int> _reachedCommit = new();

    /// <summary>The next <paramref name="times"/> matching attempts fail just before commit.</summary>
    public void FailBeforeCommit(Func<IJobCommand, bool> match, int times) =>
        _rules.Enqueue(new Rule(match, TimeSpan.Zero, times));

    /// <summary>Every matching attempt pauses just before commit, holding its transaction open.</summary>
    public void DelayBeforeCommit(Func<IJobCommand, bool> match, TimeSpan delay) =>
        _rules.Enqueue(new Rule(match, delay, 0));

    /// <summary>How many attempts of this job got as far as committing.</summary>
    public int ReachedCommit(Guid jobId) => _reachedCommit.GetValueOrDefault(jobId);

    public void Clear()
    {
        _rules.Clear();
        _reachedCommit.Clear();
    }

    public async ValueTask BeforeCommitAsync(IJobCommand command, CancellationToken cancellationToken)
    {
        _reachedCommit.AddOrUpdate(command.JobId, 1, (_, n) => n + 1);
        foreach (var rule in _rules.Where(r => r.Match(command)))
        {
            if (rule.Delay > TimeSpan.Zero)
            {
                await Task.Delay(rule.Delay, cancellationToken);
            }

            if (rule.TryConsumeFailure())
            {
                throw new InvalidOperationException($"Injected failure before commit of job {command.JobId}.");
            }
        }
    }

    private sealed class Rule(Func<IJobCommand, bool> match, TimeSpan delay, int failures)
    {
        private int _failuresLeft = failures;

        public Func<IJobCommand, bool> Match { get; } = match;

        public TimeSpan Delay { get; } = delay;

        public bool TryConsumeFailure() => Interlocked.Decrement(ref _failuresLeft) >= 0;
    }
}
