using Intake.Contracts;

namespace Intake.Persistence.Inbox;

/// <summary>
/// Holds every job open for a while just before it commits, so a crash test can kill the worker
/// process mid-job. Registered only when `FaultInjection:DelayBeforeCommit` is configured, which
/// only tests do.
/// </summary>
public sealed class DelayBeforeCommitFaults(TimeSpan delay) : IJobFaultInjector
{
    public ValueTask BeforeCommitAsync(IJobCommand command, CancellationToken cancellationToken) =>
        new(Task.Delay(delay, cancellationToken));
}
