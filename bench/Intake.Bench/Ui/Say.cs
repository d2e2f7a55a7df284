using Spectre.Console;

namespace Intake.Bench.Ui;

/// <summary>Console output: plain lines, and a Spectre progress display when a terminal is attached.</summary>
public static class Say
{
    public static bool Interactive => AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    public static void Line(string text) => AnsiConsole.MarkupLine($"[grey][[bench]][/] {Markup.Escape(text)}");

    public static void Warn(string text) => AnsiConsole.MarkupLine($"[yellow][[bench]] {Markup.Escape(text)}[/]");

    public static void Error(string text) => AnsiConsole.MarkupLine($"[red][[bench]] {Markup.Escape(text)}[/]");

    /// <summary>
    /// Runs <paramref name="steps"/> one after another under a progress bar (or, without a
    /// terminal, with one line per step).
    /// </summary>
    public static async Task StepsAsync(string title, IReadOnlyList<(string Name, Func<Task<string>> Run)> steps)
    {
        if (!Interactive)
        {
            foreach (var (name, run) in steps)
            {
                Line($"{title}: {name} …");
                Line($"{title}: {name}: {await run()}");
            }

            return;
        }

        var summaries = new List<string>();
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: steps.Count);
                foreach (var (name, run) in steps)
                {
                    task.Description = Markup.Escape($"{title}: {name}");
                    summaries.Add($"{name}: {await run()}");
                    task.Increment(1);
                }

                task.Description = Markup.Escape(title);
            });
        foreach (var summary in summaries)
        {
            Line(summary);
        }
    }
}
