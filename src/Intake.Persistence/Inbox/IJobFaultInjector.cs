using Intake.Contracts;

namespace Intake.Persistence.Inbox;

/// <summary>
/// A seam for crash and failure tests: called after a job's effects are written and before its
/// status and its transaction commit. Production registers <see cref="NoJobFaults"/>; only tests replace it.
/// </summary>
public interface IJobFaultInjector
{
    ValueTask BeforeCommitAsync(IJobCommand command, CancellationToken cancellationToken);
}
