namespace Intake.ServiceDefaults;

public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public ushort Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string Username { get; set; } = "guest";

    public string Password { get; set; } = "guest";

    /// <summary>
    /// How long the bus may take to start before the process gives up and exits for its supervisor
    /// to restart it (see <see cref="BusStartWatchdog"/>). Zero or less disables the watchdog.
    /// </summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
