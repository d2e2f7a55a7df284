using Intake.IntegrationTests.Infrastructure;

namespace Intake.IntegrationTests.Operations;

public sealed class StartupRefusalTests
{
    [Fact]
    public void The_api_refuses_to_start_when_inbox_retention_is_shorter_than_the_redelivery_window()
    {
        using var api = new IntakeApiFactory(new Dictionary<string, string?> { ["Maintenance:InboxRetention"] = "00:30:00" });

        var error = Assert.ThrowsAny<Exception>(() => api.Server);
        Assert.Contains("Maintenance:InboxRetention", error.ToString());
    }
}
