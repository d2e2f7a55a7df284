using Intake.IntegrationTests.Infrastructure;
using Intake.Persistence.Inbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Intake.IntegrationTests.Operations;

/// <summary>
/// A rolling deploy migrates first (adding columns), while the old version still runs. The app
/// prepares its repeated statements, and PostgreSQL refuses to run a prepared statement whose
/// result columns changed ("cached plan must not change result type"): every statement over
/// jobs must therefore name its columns, never SELECT *.
/// </summary>
public sealed class SchemaChangeTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    private const string ProbeColumn = "schema_change_probe";

    [Fact]
    public async Task The_recovery_sweeps_keep_working_when_a_column_is_added_to_jobs_while_they_run()
    {
        var scopes = Stack.Api.Services.GetRequiredService<IServiceScopeFactory>();
        var options = Options.Create(new InboxOptions());
        var leases = new ExpiredLeaseRecovery(scopes, options, TimeProvider.System, NullLogger<ExpiredLeaseRecovery>.Instance);
        var lost = new LostCommandRecovery(scopes, options, TimeProvider.System, NullLogger<LostCommandRecovery>.Instance);

        // Often enough for the pool's connections to have prepared both sweeps' statements.
        for (var i = 0; i < 6; i++)
        {
            await leases.RecoverAsync(CancellationToken.None);
            await lost.ResendAsync(CancellationToken.None);
        }

        await Stack.Postgres.ScalarAsync($"ALTER TABLE jobs ADD COLUMN {ProbeColumn} integer");
        try
        {
            for (var i = 0; i < 6; i++)
            {
                Assert.Equal(0, await leases.RecoverAsync(CancellationToken.None));
                Assert.Equal(0, await lost.ResendAsync(CancellationToken.None));
            }
        }
        finally
        {
            await Stack.Postgres.ScalarAsync($"ALTER TABLE jobs DROP COLUMN {ProbeColumn}");
        }
    }
}
