using System.Globalization;
using Intake.Bench.Load;

namespace Intake.Bench.Baseline;

/// <summary>
/// pgbench's per-transaction logs (-l): "client_id transaction_no time script_no time_epoch time_us",
/// time being the latency in microseconds and time_epoch/time_us the completion time.
/// </summary>
public static class PgbenchLog
{
    /// <summary>The completed transactions, and the script number of each failed one.</summary>
    public static (List<PgbenchEntry> Entries, List<int> FailedScripts) Read(string prefix)
    {
        var entries = new List<PgbenchEntry>();
        var failed = new List<int>();
        var directory = Path.GetDirectoryName(prefix)!;
        foreach (var file in Directory.EnumerateFiles(directory, Path.GetFileName(prefix) + ".*"))
        {
            foreach (var line in File.ReadLines(file))
            {
                var fields = line.Split(' ');
                if (fields.Length < 6)
                {
                    continue;
                }

                var script = int.Parse(fields[3], CultureInfo.InvariantCulture);
                if (!long.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var latency))
                {
                    // "failed" / "skipped" instead of a latency.
                    failed.Add(script);
                    continue;
                }

                var completed = (long.Parse(fields[4], CultureInfo.InvariantCulture) * 1_000_000) + long.Parse(fields[5], CultureInfo.InvariantCulture);
                entries.Add(new PgbenchEntry(completed, latency, script));
            }

            File.Delete(file);
        }

        return (entries, failed);
    }

    /// <summary>
    /// Completions inside [first + warm-up, first + warm-up + duration] (all of them when warm-up is
    /// zero and duration unbounded); with <paramref name="script"/>, only that script's, in the
    /// window that all of the run's transactions define.
    /// </summary>
    public static (long Count, double Seconds, LatencyRecorder Latency) Window(List<PgbenchEntry> entries, TimeSpan warmup, TimeSpan? duration, int? script = null)
    {
        var latency = new LatencyRecorder();
        if (entries.Count == 0)
        {
            return (0, 0, latency);
        }

        var first = entries.Min(e => e.CompletedMicros);
        var last = entries.Max(e => e.CompletedMicros);
        var start = first + (long)(warmup.TotalSeconds * 1_000_000);
        var end = duration is { } d ? Math.Min(last, start + (long)(d.TotalSeconds * 1_000_000)) : last;
        long count = 0;
        foreach (var entry in entries)
        {
            if (entry.CompletedMicros >= start && entry.CompletedMicros <= end && (script is null || entry.Script == script))
            {
                latency.RecordMicros(entry.LatencyMicros);
                count++;
            }
        }

        return (count, Math.Max(end - start, 1) / 1_000_000.0, latency);
    }
}
