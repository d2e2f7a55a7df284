using System.Net;
using System.Net.Sockets;
using Intake.IntegrationTests.Infrastructure;
using Intake.ServiceDefaults;

namespace Intake.IntegrationTests.Operations;

public sealed class BusStartWatchdogTests(IntakeStackFixture stack) : IntegrationTest(stack)
{
    [Fact]
    public async Task A_worker_whose_bus_cannot_start_exits_for_its_supervisor_to_restart_it()
    {
        // A port nobody listens on: the bus can never connect, so it never starts.
        using var worker = WorkerProcess.Start("documents", new Dictionary<string, string>
        {
            ["RabbitMq:Port"] = UnusedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RabbitMq:StartTimeout"] = "00:00:03",
        });

        Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the worker kept running without a bus");
        Assert.Equal(BusStartWatchdog.ExitCode, worker.ExitCode);
        Assert.Contains("did not start within", worker.Output, StringComparison.Ordinal);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
