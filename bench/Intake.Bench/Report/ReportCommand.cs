using Intake.Bench.Ui;

namespace Intake.Bench.Report;

/// <summary>Reads every phase's JSON in a results folder and writes report.md and the plots.</summary>
public static class ReportCommand
{
    public static async Task<int> RunAsync(string directory)
    {
        var data = await RunData.LoadAsync(directory);
        IReadOnlyList<(string, string)> plots;
        try
        {
            plots = Plots.Write(data, directory);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A missing native renderer must not cost the tables.
            Say.Warn($"plots not written: {exception.GetType().Name}: {exception.Message}");
            plots = [];
        }

        var environmentFile = Path.Combine(directory, "environment.md");
        var environment = File.Exists(environmentFile) ? await File.ReadAllTextAsync(environmentFile) : null;
        var path = Path.Combine(directory, "report.md");
        await File.WriteAllTextAsync(path, MarkdownReport.Build(data, environment, plots));
        Say.Line($"report: {path}");
        return 0;
    }
}
