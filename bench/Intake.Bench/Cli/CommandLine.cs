using System.Globalization;

namespace Intake.Bench.Cli;

/// <summary>`command --name value --flag …`: the command and its options.</summary>
public sealed class CommandLine
{
    private static readonly HashSet<string> Flags = ["smoke", "strict"];
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    private CommandLine(string command) => Command = command;

    public string Command { get; }

    public static CommandLine Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException("usage: Intake.Bench <http|relay|e2e|profile|report|load> [--option value]...");
        }

        var line = new CommandLine(args[0]);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            var name = args[i][2..];
            if (Flags.Contains(name))
            {
                line._options[name] = "true";
            }
            else if (i + 1 < args.Length)
            {
                line._options[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"--{name} needs a value");
            }
        }

        return line;
    }

    public bool Flag(string name) => _options.ContainsKey(name);

    public string? Text(string name) => _options.GetValueOrDefault(name);

    public string Text(string name, string fallback) => _options.GetValueOrDefault(name) ?? fallback;

    public double Number(string name, double fallback) =>
        _options.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public int Integer(string name, int fallback) =>
        _options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public IReadOnlyList<int> Integers(string name, IReadOnlyList<int> fallback) =>
        _options.TryGetValue(name, out var value)
            ? value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList()
            : fallback;
}
