namespace Intake.Api.Idempotency;

/// <summary>
/// Fault injection for the chaos suite only: with `FaultInjection:CrashAfterCommits` = N, the
/// process dies (FailFast, no cleanup) right after the Nth submission commits and before the outbox
/// relay is woken, which is the window a transactional outbox must survive. Unset in production.
/// </summary>
public sealed class CommitCrashInjector(IConfiguration configuration)
{
    private readonly int? _crashAfter = configuration.GetValue<int?>("FaultInjection:CrashAfterCommits");
    private int _commits;

    public void AfterCommit()
    {
        if (_crashAfter is { } limit && Interlocked.Increment(ref _commits) == limit)
        {
            Environment.FailFast($"Fault injection: crashing after commit #{limit}, before the outbox relay runs.");
        }
    }
}
