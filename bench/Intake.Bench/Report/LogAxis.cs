using ScottPlot;

namespace Intake.Bench.Report;

/// <summary>ScottPlot has no log axis: plot log10 of the values and label the ticks with the real ones.</summary>
public static class LogAxis
{
    private static readonly double[] Steps = [1, 2, 5];

    public static double[] Log(IEnumerable<double> values) => values.Select(v => Math.Log10(Math.Max(v, 1e-3))).ToArray();

    public static void Apply(IAxis axis, double min, double max, Func<double, string> label)
    {
        var positions = new List<double>();
        var labels = new List<string>();
        for (var decade = Math.Floor(Math.Log10(Math.Max(min, 1e-3))); decade <= Math.Ceiling(Math.Log10(Math.Max(max, 1e-3))); decade++)
        {
            foreach (var step in Steps)
            {
                var value = step * Math.Pow(10, decade);
                positions.Add(Math.Log10(value));
                labels.Add(label(value));
            }
        }

        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions.ToArray(), labels.ToArray());
    }
}
