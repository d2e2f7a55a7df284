using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Intake.IntegrationTests.Security;

/// <summary>
/// Registered before the row-security interceptor: cancels the caller's token the first time a
/// connection has opened, so the identity's own command meets a cancelled token — what a worker's
/// consume token does when a SIGTERM's grace period runs out at that moment.
/// </summary>
public sealed class CancelAfterOpenInterceptor(CancellationTokenSource cancellation) : DbConnectionInterceptor
{
    private int _fired;

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _fired, 1) == 0)
        {
            cancellation.Cancel();
        }

        return Task.CompletedTask;
    }
}
