using System.Collections.Concurrent;

namespace Intake.Chaos.Http;

/// <summary>Named counters shared by every client task.</summary>
public sealed class Tally
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(string name, long amount = 1) => _counts.AddOrUpdate(name, amount, (_, value) => value + amount);

    public long this[string name] => _counts.GetValueOrDefault(name);
}
