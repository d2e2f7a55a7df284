using System.Globalization;
using Intake.Chaos.Stack;

namespace Intake.Chaos.Cli;

/// <summary>Parses the arguments scripts/chaos.sh passes (see docs/chaos.md).</summary>
public static class CommandLine
{
    public const string Usage =
        "usage: Intake.Chaos --profile short|long [--jobs N] [--rate R] [--seed S] --api-dll P --workers-dll P " +
        "--pg CONNECTION [--app-pg CONNECTION] --rabbit-port N --http-port N --logs DIR --pids DIR --services SCRIPT [--summary-file P]";

    public static ChaosOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unexpected argument '{name}'. {Usage}");
            }

            values[name[2..]] = args[++i];
        }

        string Required(string name) => values.TryGetValue(name, out var value)
            ? value
            : throw new ArgumentException($"--{name} is required. {Usage}");
        int? OptionalInt(string name) => values.TryGetValue(name, out var value)
            ? int.Parse(value, CultureInfo.InvariantCulture)
            : null;

        var stack = new StackSettings(
            ApiDll: Required("api-dll"),
            WorkersDll: Required("workers-dll"),
            ConnectionString: Required("pg"),
            AppConnectionString: values.GetValueOrDefault("app-pg") ?? Required("pg"),
            RabbitPort: int.Parse(Required("rabbit-port"), CultureInfo.InvariantCulture),
            HttpPort: int.Parse(Required("http-port"), CultureInfo.InvariantCulture),
            LogDirectory: Required("logs"),
            PidDirectory: Required("pids"),
            ServicesScript: Required("services"),
            SigningKey: Environment.GetEnvironmentVariable("Auth__SigningKey") ?? "intake-development-signing-key-0123456789abcdef");

        var options = ChaosProfiles.For(Required("profile"), stack);
        if (OptionalInt("jobs") is { } jobs)
        {
            options = options with { Jobs = jobs };
        }

        if (values.TryGetValue("rate", out var rate))
        {
            options = options with { Rate = double.Parse(rate, CultureInfo.InvariantCulture) };
        }

        if (OptionalInt("seed") is { } seed)
        {
            options = options with { Seed = seed };
        }

        if (options.Jobs < 10 || options.Rate <= 0)
        {
            throw new ArgumentException("--jobs must be at least 10 and --rate positive.");
        }

        return options with { SummaryFile = values.GetValueOrDefault("summary-file") };
    }
}
