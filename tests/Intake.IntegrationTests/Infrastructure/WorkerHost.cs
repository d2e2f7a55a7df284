using Intake.Persistence;
using Intake.Persistence.Inbox;
using Intake.ServiceDefaults;
using Intake.Workers.Hosting;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Intake.IntegrationTests.Infrastructure;

/// <summary>
/// A worker process's composition (as in src/Workers/Program.cs) hosted in the test process, so
/// tests can run one or several workers against the real broker and database.
/// </summary>
public static class WorkerHost
{
    public static async Task<IHost> StartAsync(
        TestFaultInjector faults,
        ConsumeRecorder recorder,
        IReadOnlyDictionary<string, string?>? overrides = null,
        Action<HostApplicationBuilder>? configure = null)
    {
        // The worker's own appsettings.json, as a worker process would load it, then the test's settings.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Path.Combine(TestEnvironment.RepositoryRoot, "src", "Workers"),
        });
        var settings = TestEnvironment.SharedSettings();

        // Quick retries keep failure tests short; the policy itself is the production one.
        foreach (var kind in new[] { "Documents", "Datasets", "Training" })
        {
            settings[$"Workers:{kind}:RetryLimit"] = "2";
            settings[$"Workers:{kind}:RetryMinInterval"] = "00:00:00.050";
            settings[$"Workers:{kind}:RetryMaxInterval"] = "00:00:00.200";
            settings[$"Workers:{kind}:ConcurrentMessageLimit"] = "4";
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddIntakePersistence();
        builder.AddWorkers();
        builder.Services.AddSingleton<IJobFaultInjector>(faults);
        configure?.Invoke(builder);

        var host = builder.Build();
        host.Services.GetRequiredService<IBus>().ConnectConsumeObserver(recorder);
        await host.StartAsync();
        await WaitUntilBusStartedAsync(host.Services.GetRequiredService<IBusControl>());
        return host;
    }

    /// <summary>
    /// MassTransit's hosted service returns before the bus has started, and a bus stopped before
    /// it started is not stopped at all ("Failed to stop bus … Not Started"): its endpoints connect
    /// afterwards and go on consuming with the disposed host's services, sending every message to
    /// the error queue. A test that stops the worker at once (to leave its commands unconsumed)
    /// met exactly that; the worker is only handed over once its bus runs.
    /// </summary>
    private static async Task WaitUntilBusStartedAsync(IBusControl bus)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The worker's bus did not start within 30 s: {bus.CheckHealth().Description}");
            }

            await Task.Delay(20);
        }
    }
}
