using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Intake.Persistence;

internal sealed class DatabaseHealthCheck(IntakeDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("PostgreSQL is not reachable.");
}
