using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Intake.IntegrationTests.Infrastructure;

/// <summary>The real API (with its outbox relay) over the real database and broker.</summary>
public sealed class IntakeApiFactory(IReadOnlyDictionary<string, string?>? overrides = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = TestEnvironment.SharedSettings();
        settings["Auth:SigningKey"] = TestEnvironment.SigningKey;
        // TestServer has no IHttpMaxRequestBodySizeFeature, so routing warns on every request to an
        // endpoint with a body limit; hundreds of such lines pushed the test results out of the end
        // of CI's log. Kestrel enforces the limits (KestrelLimitTests).
        settings["Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware"] = "Error";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
