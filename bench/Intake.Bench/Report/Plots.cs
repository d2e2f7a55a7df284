using System.Globalization;
using Intake.Bench.Cpu;
using Intake.Bench.Phases;
using Intake.Bench.Results;
using ScottPlot;

namespace Intake.Bench.Report;

/// <summary>The report's PNG plots (ScottPlot).</summary>
public static class Plots
{
    private static readonly string[] Order = [Scenarios.SubmitNew, Scenarios.SubmitNoKey, Scenarios.Replay, Scenarios.Status];
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    public static IReadOnlyList<(string File, string Title)> Write(RunData data, string directory)
    {
        var written = new List<(string, string)>();
        void Save(Plot plot, string file, string title, int width = 1000, int height = 600)
        {
            plot.SavePng(Path.Combine(directory, file), width, height);
            written.Add((file, title));
        }

        if (data.Http is not null && data.Concurrencies.Count > 0)
        {
            Save(Throughput(data), "throughput.png", "Throughput by concurrency, app (solid) vs pgbench (dashed)");
            var level = data.Concurrencies.Contains(8) ? 8 : data.Concurrencies.Max();
            Save(Latency(data, level), $"latency-c{level}.png", $"Latency distribution at C = {level}");
            Save(CpuPerRequest(data, level), $"cpu-c{level}.png", $"CPU per request at C = {level}", 1100, 600);
        }

        if (data.EndToEnd.Count > 0)
        {
            Save(EndToEnd(data), "e2e.png", "End to end: jobs completed over time");
        }

        if (data.Relay is { Remaining.Count: > 1 })
        {
            Save(Relay(data.Relay), "relay.png", "Outbox relay draining a backlog", 900, 450);
        }

        return written;
    }

    private static Plot Throughput(RunData data)
    {
        var plot = new Plot();
        var levels = data.Concurrencies;
        var xs = Enumerable.Range(0, levels.Count).Select(i => (double)i).ToArray();
        var all = new List<double>();
        for (var i = 0; i < Order.Length; i++)
        {
            var color = Palette.GetColor(i);
            foreach (var (kind, pattern, suffix) in new[] { (LoadRun.App, LinePattern.Solid, string.Empty), (LoadRun.Baseline, LinePattern.Dashed, " (pgbench)") })
            {
                var ys = levels.Select(c => data.Find(Order[i], kind, c)?.Throughput ?? double.NaN).ToArray();
                if (ys.All(double.IsNaN))
                {
                    continue;
                }

                all.AddRange(ys.Where(double.IsFinite));
                var line = plot.Add.Scatter(xs, LogAxis.Log(ys));
                line.Color = color;
                line.LinePattern = pattern;
                line.LineWidth = 2;
                line.MarkerSize = 7;
                line.LegendText = Order[i] + suffix;
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, levels.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray());
        if (all.Count > 0)
        {
            LogAxis.Apply(plot.Axes.Left, all.Min(), all.Max(), v => v.ToString("N0", CultureInfo.InvariantCulture));
        }

        plot.Title("Throughput: app (solid) vs pgbench baseline (dashed)");
        plot.XLabel("concurrent clients");
        plot.YLabel("requests / transactions per second (log)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot Latency(RunData data, int level)
    {
        var plot = new Plot();
        var all = new List<double>();
        for (var i = 0; i < Order.Length; i++)
        {
            foreach (var (kind, pattern, suffix) in new[] { (LoadRun.App, LinePattern.Solid, string.Empty), (LoadRun.Baseline, LinePattern.Dashed, " (pgbench)") })
            {
                if (data.Find(Order[i], kind, level) is not { Latency.Curve.Count: > 0 } run)
                {
                    continue;
                }

                var points = run.Latency.Curve.Where(p => p.Percentile < 100).ToList();
                all.AddRange(points.Select(p => p.ValueMs));
                var line = plot.Add.Scatter(points.Select(p => -Math.Log10(1 - (p.Percentile / 100))).ToArray(), LogAxis.Log(points.Select(p => p.ValueMs)));
                line.Color = Palette.GetColor(i);
                line.LinePattern = pattern;
                line.LineWidth = 2;
                line.MarkerSize = 4;
                line.LegendText = Order[i] + suffix;
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([0, 1, 2, 3, 4], ["0%", "90%", "99%", "99.9%", "99.99%"]);
        if (all.Count > 0)
        {
            LogAxis.Apply(plot.Axes.Left, all.Min(), all.Max(), v => v.ToString(v < 1 ? "0.##" : "N0", CultureInfo.InvariantCulture));
        }

        plot.Title($"Latency by percentile at C = {level}: app (solid) vs pgbench (dashed)");
        plot.XLabel("percentile");
        plot.YLabel("latency, ms (log)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot CpuPerRequest(RunData data, int level)
    {
        var plot = new Plot();
        var runs = Order.SelectMany(s => new[] { data.Find(s, LoadRun.App, level), data.Find(s, LoadRun.Baseline, level) })
            .Where(r => r is { Cpu: not null, Completed: > 0 }).Select(r => r!).ToList();
        var bars = new List<Bar>();
        for (var p = 0; p < runs.Count; p++)
        {
            double stack = 0;
            for (var c = 0; c < CpuCategories.All.Count; c++)
            {
                var ms = runs[p].Cpu!.CoreSecondsByCategory.GetValueOrDefault(CpuCategories.All[c]) * 1000 / runs[p].Completed;
                bars.Add(new Bar { Position = p, ValueBase = stack, Value = stack + ms, FillColor = Palette.GetColor(c), Size = 0.7 });
                stack += ms;
            }
        }

        plot.Add.Bars(bars);
        foreach (var (category, c) in CpuCategories.All.Select((k, i) => (k, i)))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = category, FillColor = Palette.GetColor(c) });
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, runs.Count).Select(i => (double)i).ToArray(),
            runs.Select(r => $"{r.Scenario}\n{(r.Kind == LoadRun.App ? "app" : "pgbench")}").ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Title($"CPU per request at C = {level} (ms, stacked by process)");
        plot.YLabel("CPU ms per request");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot EndToEnd(RunData data)
    {
        var plot = new Plot();
        foreach (var (e, i) in data.EndToEnd.Select((e, i) => (e, i)))
        {
            if (e.Completions.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(e.Completions.Select(p => p.Seconds).ToArray(), e.Completions.Select(p => p.Value).ToArray());
            line.Color = Palette.GetColor(i);
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.LegendText = $"{e.Workers} worker process(es): {e.JobsPerSecond:N0} jobs/s";
        }

        plot.Title("End to end: process-document jobs completed since the first submit");
        plot.XLabel("seconds");
        plot.YLabel("jobs succeeded (cumulative)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot Relay(RelayResult relay)
    {
        var plot = new Plot();
        var line = plot.Add.Scatter(relay.Remaining.Select(p => p.Seconds).ToArray(), relay.Remaining.Select(p => p.Value).ToArray());
        line.MarkerSize = 0;
        line.LineWidth = 2;
        line.LegendText = $"{relay.MessagesPerSecond:N0} msg/s (from sent_at)";
        plot.Title($"Outbox relay alone: {relay.Backlog:N0} unsent rows");
        plot.XLabel("seconds since the rows were marked unsent");
        plot.YLabel("unsent rows");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
