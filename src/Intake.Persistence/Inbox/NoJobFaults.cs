using Intake.Contracts;

namespace Intake.Persistence.Inbox;

public sealed class NoJobFaults : IJobFaultInjector
{
    public ValueTask BeforeCommitAsync(IJobCommand command, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
