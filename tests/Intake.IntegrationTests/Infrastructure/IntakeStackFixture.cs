using System.Net.Http.Headers;
using Intake.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Intake.IntegrationTests.Infrastructure;

/// <summary>
/// The whole stack for one test run: real PostgreSQL and RabbitMQ, the API in-process via
/// WebApplicationFactory (with its outbox relay), and one worker host running every consumer.
/// </summary>
public sealed class IntakeStackFixture : IAsyncLifetime
{
    // Assertions read across users, so they connect as the owner, whom row-level security does not bind.
    private readonly ServiceProvider _ownerServices = new ServiceCollection()
        .AddDbContext<IntakeDbContext>(options => options
            .UseNpgsql(TestEnvironment.PostgresConnectionString)
            .UseSnakeCaseNamingConvention())
        .BuildServiceProvider();

    public PostgresService Postgres { get; } = new();

    public RabbitMqService RabbitMq { get; } = new();

    public TestFaultInjector Faults { get; } = new();

    public ConsumeRecorder Consumed { get; } = new();

    public IntakeApiFactory Api { get; private set; } = null!;

    public IHost Worker { get; private set; } = null!;

    public bool WorkerRunning { get; private set; }

    public async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        await Postgres.ResetAsync();
        Api = new IntakeApiFactory();
        _ = Api.Server; // start the API (and its relay) now, not on first request
        Worker = await WorkerHost.StartAsync(Faults, Consumed);
        WorkerRunning = true;
    }

    public async Task DisposeAsync()
    {
        if (WorkerRunning)
        {
            await StopWorkerAsync();
        }

        await Api.DisposeAsync();
        await _ownerServices.DisposeAsync();
    }

    /// <summary>Stops the in-process worker, so only workers a test starts itself consume.</summary>
    public async Task StopWorkerAsync()
    {
        WorkerRunning = false;
        await Worker.StopAsync();
        Worker.Dispose();
    }

    /// <summary>Starts a fresh in-process worker after <see cref="StopWorkerAsync"/>.</summary>
    public async Task RestartWorkerAsync()
    {
        Worker = await WorkerHost.StartAsync(Faults, Consumed);
        WorkerRunning = true;
    }

    public HttpClient ClientFor(string userId)
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(userId));
        return client;
    }

    /// <summary>A DbContext on the test database as the owner, for assertions the API cannot make.</summary>
    public AsyncServiceScope CreateScope(out IntakeDbContext db)
    {
        var scope = _ownerServices.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        return scope;
    }
}
