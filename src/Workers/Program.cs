using Intake.Persistence;
using Intake.ServiceDefaults;
using Intake.Workers.Hosting;

namespace Intake.Workers;

// A named class rather than top-level statements, so this Program does not collide with the
// API's global Program in test projects that reference both.
public static class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.AddServiceDefaults();
        builder.AddIntakePersistence();
        builder.AddWorkers();

        var app = builder.Build();

        app.MapDefaultEndpoints();

        app.Run();
    }
}
