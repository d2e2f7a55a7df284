using System.Text.Json.Serialization;

namespace Intake.Bench.Results;

/// <summary>
/// CPU spent during a measurement window, from /proc: core-seconds per process category
/// (api, workers, postgres (bench db), postgres (shared), rabbitmq, bench client, pgbench, other).
/// "other" is whatever else kept the machine busy (other users of the box: noise).
/// <see cref="RunQueueSecondsByCategory"/>: seconds the category's threads were runnable but
/// waiting for a core (absent in results written before it was measured; nothing for "other").
/// </summary>
public sealed record CpuUsage(
    double WindowSeconds,
    int Cores,
    double MachineBusyCoreSeconds,
    IReadOnlyDictionary<string, double> CoreSecondsByCategory,
    IReadOnlyDictionary<string, double>? RunQueueSecondsByCategory = null)
{
    /// <summary>How many of <see cref="Cores"/> were busy on average over the window.</summary>
    [JsonIgnore]
    public double BusyCores => WindowSeconds > 0 ? MachineBusyCoreSeconds / WindowSeconds : 0;

    /// <summary>Several windows as one (their seconds and core-seconds added up); null when none was measured.</summary>
    public static CpuUsage? Sum(IEnumerable<CpuUsage?> windows)
    {
        var measured = windows.OfType<CpuUsage>().ToList();
        if (measured.Count <= 1)
        {
            return measured.FirstOrDefault();
        }

        var runQueues = measured.All(w => w.RunQueueSecondsByCategory is not null)
            ? AddUp(measured.Select(w => w.RunQueueSecondsByCategory!))
            : null;
        return new CpuUsage(
            measured.Sum(w => w.WindowSeconds),
            measured[0].Cores,
            measured.Sum(w => w.MachineBusyCoreSeconds),
            AddUp(measured.Select(w => w.CoreSecondsByCategory)),
            runQueues);
    }

    private static Dictionary<string, double> AddUp(IEnumerable<IReadOnlyDictionary<string, double>> byCategory) =>
        byCategory.SelectMany(d => d).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
}
