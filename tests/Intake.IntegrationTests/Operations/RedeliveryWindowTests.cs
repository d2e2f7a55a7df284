using Intake.Persistence.Maintenance;
using Microsoft.Extensions.Configuration;

namespace Intake.IntegrationTests.Operations;

public sealed class RedeliveryWindowTests
{
    [Fact]
    public void Without_worker_settings_the_window_is_the_one_hour_floor()
    {
        Assert.Equal(TimeSpan.FromHours(1), RedeliveryWindow.Longest(Configuration()));
    }

    [Fact]
    public void The_longest_worker_retry_schedule_sets_the_window_when_it_exceeds_the_floor()
    {
        var configuration = Configuration(
            ("Workers:Documents:RetryMaxInterval", "00:30:00"), ("Workers:Documents:RetryLimit", "3"),
            ("Workers:Training:RetryMaxInterval", "00:10:00"), ("Workers:Training:RetryLimit", "5"));

        Assert.Equal(TimeSpan.FromMinutes(90), RedeliveryWindow.Longest(configuration));
    }

    [Fact]
    public void An_inbox_retention_not_longer_than_the_window_refuses_to_start()
    {
        var configuration = Configuration(("Workers:Documents:RetryMaxInterval", "01:00:00"), ("Workers:Documents:RetryLimit", "4"));

        var error = Assert.Throws<InvalidOperationException>(() => RedeliveryWindow.EnsureInboxOutlives(
            new MaintenanceOptions { InboxRetention = TimeSpan.FromHours(4) }, configuration));
        Assert.Contains("Maintenance:InboxRetention", error.Message);
        RedeliveryWindow.EnsureInboxOutlives(new MaintenanceOptions { InboxRetention = TimeSpan.FromHours(5) }, configuration);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
}
