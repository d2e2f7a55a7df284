using Intake.Chaos.Stack;

namespace Intake.Chaos.Cli;

/// <summary>
/// short: CI-sized, every fault once in 50 s of load (kills every 5 s). long: thousands of jobs, faults
/// repeated all along (kills every 10 s, a broker outage every 3 min, a database restart and an
/// API crash every 4 min, each at least once). On a loaded two-core machine rabbitmqctl stop_app
/// alone can take a minute, so an outage every 2 min kept the broker down half the time.
/// </summary>
public static class ChaosProfiles
{
    public static ChaosOptions For(string profile, StackSettings stack) => profile switch
    {
        "short" => new ChaosOptions
        {
            Profile = "short",
            Jobs = 300,
            Rate = 6,
            MaxInFlight = 150,
            KillEvery = TimeSpan.FromSeconds(5),
            RabbitOutage = TimeSpan.FromSeconds(6),
            RabbitEvery = TimeSpan.MaxValue,
            PgEvery = TimeSpan.MaxValue,
            ApiCrashEvery = TimeSpan.MaxValue,
            DrainTimeout = TimeSpan.FromSeconds(90),
            ProgressEvery = TimeSpan.FromSeconds(5),
            Stack = stack,
        },
        "long" => new ChaosOptions
        {
            Profile = "long",
            Jobs = 3000,
            Rate = 8,
            MaxInFlight = 300,
            KillEvery = TimeSpan.FromSeconds(10),
            RabbitOutage = TimeSpan.FromSeconds(8),
            RabbitEvery = TimeSpan.FromMinutes(3),
            PgEvery = TimeSpan.FromMinutes(4),
            ApiCrashEvery = TimeSpan.FromMinutes(4),
            DrainTimeout = TimeSpan.FromMinutes(5),
            ProgressEvery = TimeSpan.FromSeconds(15),
            Stack = stack,
        },
        _ => throw new ArgumentException($"Unknown profile '{profile}' (short or long)."),
    };
}
