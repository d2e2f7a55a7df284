using System.Collections.Frozen;
using Intake.Contracts;

namespace Intake.Persistence.Outbox;

/// <summary>The contracts an outbox row may carry, by the name stored in the row.</summary>
public static class OutboxMessageTypes
{
    private static readonly FrozenDictionary<string, Type> ByName = typeof(IJobCommand).Assembly
        .GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IJobCommand).IsAssignableFrom(t))
        .ToFrozenDictionary(t => t.FullName!, t => t);

    public static Type Resolve(string name) =>
        ByName.TryGetValue(name, out var type)
            ? type
            : throw new InvalidOperationException($"Outbox message type '{name}' is not a known contract.");
}
