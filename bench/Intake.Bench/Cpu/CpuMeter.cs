using System.Diagnostics;
using Intake.Bench.Results;

namespace Intake.Bench.Cpu;

/// <summary>
/// Where the CPU goes during a measurement window, from /proc (Linux only; elsewhere it measures
/// nothing). On a 2-core box shared by client, API, PostgreSQL and RabbitMQ, CPU per request is
/// the profile that explains throughput.
/// </summary>
public sealed class CpuMeter(ProcessRoles roles)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static bool Supported => File.Exists("/proc/stat");

    public async Task<CpuUsage?> MeasureWindowAsync(long windowStart, long windowEnd, CancellationToken cancellationToken)
    {
        if (!Supported)
        {
            return null;
        }

        await DelayUntilAsync(windowStart, cancellationToken);
        var first = Capture();
        await DelayUntilAsync(windowEnd, cancellationToken);
        var second = Capture();
        return Diff(first, second);
    }

    public CpuSample Capture()
    {
        var named = roles.NamedPids();
        var processes = new Dictionary<(int, long), ProcTicks>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var command = stat[(open + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                var parent = int.Parse(fields[1]);
                var category = roles.Classify(pid, parent, command, named, () => ReadCommandLine(directory));
                if (category is null)
                {
                    continue;
                }

                var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
                processes[(pid, long.Parse(fields[19]))] = new ProcTicks(category, ticks, ReadRunQueueNanoseconds(directory));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // The process ended while we read it.
            }
        }

        return new CpuSample(Stopwatch.GetTimestamp(), ReadMachineBusyTicks(), processes);
    }

    public static CpuUsage Diff(CpuSample first, CpuSample second)
    {
        var seconds = (second.Timestamp - first.Timestamp) / (double)Stopwatch.Frequency;
        var byCategory = CpuCategories.All.ToDictionary(c => c, _ => 0.0);
        var waitByCategory = CpuCategories.All.ToDictionary(c => c, _ => 0.0);
        foreach (var (key, now) in second.Processes)
        {
            var found = first.Processes.TryGetValue(key, out var earlier);
            byCategory[now.Category] += Math.Max(0, now.Ticks - (found ? earlier.Ticks : 0)) / TicksPerSecond;

            // A thread that ended in the window takes its wait with it: an undercount, never more.
            waitByCategory[now.Category] += Math.Max(0, now.RunQueueNanoseconds - (found ? earlier.RunQueueNanoseconds : 0)) / 1e9;
        }

        var busy = (second.MachineBusyTicks - first.MachineBusyTicks) / TicksPerSecond;
        var accounted = byCategory.Where(kv => kv.Key != CpuCategories.Other).Sum(kv => kv.Value);
        byCategory[CpuCategories.Other] = Math.Max(0, busy - accounted);
        return new CpuUsage(seconds, Environment.ProcessorCount, busy, byCategory, waitByCategory);
    }

    private static string ReadCommandLine(string directory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>
    /// The second field of each thread's schedstat: time spent runnable, waiting on a run queue.
    /// On a box where API, workers, PostgreSQL and RabbitMQ share two cores, it says how much of a
    /// latency is waiting for a core rather than work. 0 where the kernel does not report it.
    /// </summary>
    private static long ReadRunQueueNanoseconds(string directory)
    {
        long total = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories(Path.Combine(directory, "task")))
            {
                try
                {
                    var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                    total += fields.Length > 1 && long.TryParse(fields[1], out var wait) ? wait : 0;
                }
                catch (IOException)
                {
                    // The thread ended while we read it.
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The process ended, or the kernel has no schedstat.
        }

        return total;
    }

    private static long ReadMachineBusyTicks()
    {
        using var reader = new StreamReader("/proc/stat");
        var fields = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // cpu user nice system idle iowait irq softirq steal …
        long Field(int i) => fields.Length > i ? long.Parse(fields[i]) : 0;
        return Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8);
    }

    private static async Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var remaining = (timestamp - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency;
        if (remaining > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(remaining), cancellationToken);
        }
    }
}
