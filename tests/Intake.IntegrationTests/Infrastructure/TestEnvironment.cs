using Intake.Persistence.Security;
using Npgsql;

namespace Intake.IntegrationTests.Infrastructure;

/// <summary>Where the real services are: set by ./test.sh, with the same defaults for a manual run.</summary>
public static class TestEnvironment
{
    public const string SigningKey = "integration-tests-signing-key-0123456789abcdef";

    /// <summary>The owner of the tables: migrations, Respawn, test setup and cross-user assertions.</summary>
    public static string PostgresConnectionString =>
        Environment.GetEnvironmentVariable("INTAKE_TEST_PG")
        ?? "Host=127.0.0.1;Port=55432;Database=intake_test;Username=intake;Password=intake";

    /// <summary>
    /// The application role the API and workers under test connect as, bound by row-level security:
    /// INTAKE_TEST_PG_APP, else the owner's connection with intake_app/intake_app.
    /// </summary>
    public static string AppConnectionString =>
        Environment.GetEnvironmentVariable("INTAKE_TEST_PG_APP")
        ?? new NpgsqlConnectionStringBuilder(PostgresConnectionString)
        {
            Username = RowSecuritySettings.AppRole,
            Password = RowSecuritySettings.AppRole,
        }.ConnectionString;

    public static string RabbitHost => Environment.GetEnvironmentVariable("INTAKE_TEST_RABBIT_HOST") ?? "127.0.0.1";

    public static string RabbitPort => Environment.GetEnvironmentVariable("INTAKE_TEST_RABBIT_PORT") ?? "5673";

    public static string RabbitVirtualHost => Environment.GetEnvironmentVariable("INTAKE_TEST_RABBIT_VHOST") ?? "intake_test";

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Intake.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Intake.sln not found above the test binaries.");
        }
    }

    /// <summary>Settings shared by the API and worker hosts under test.</summary>
    public static Dictionary<string, string?> SharedSettings() => new()
    {
        ["ConnectionStrings:Intake"] = AppConnectionString,
        ["RabbitMq:Host"] = RabbitHost,
        ["RabbitMq:Port"] = RabbitPort,
        ["RabbitMq:VirtualHost"] = RabbitVirtualHost,
        ["RabbitMq:Username"] = "guest",
        ["RabbitMq:Password"] = "guest",
        ["Logging:LogLevel:Default"] = "Warning",
    };
}
