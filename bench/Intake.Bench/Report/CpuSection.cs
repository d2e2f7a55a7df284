using System.Globalization;
using System.Text;
using Intake.Bench.Cpu;
using Intake.Bench.Results;

namespace Intake.Bench.Report;

/// <summary>CPU milliseconds per request by process, from /proc, for every load run.</summary>
public static class CpuSection
{
    public static void Write(StringBuilder md, RunData data)
    {
        if (data.Http is not { } http || http.Runs.All(r => r.Cpu is null))
        {
            return;
        }

        md.AppendLine("## Where the CPU goes (ms of CPU per request)").AppendLine();
        md.AppendLine($"From /proc over each measurement window. The machine has {http.Runs.First(r => r.Cpu is not null).Cpu!.Cores} cores shared by everything below; " +
                      "\"busy\" is machine-wide busy cores during the window, \"other\" is CPU used by processes outside this benchmark (noise).").AppendLine();
        var headers = new List<string> { "run", "C", "busy cores" };
        headers.AddRange(CpuCategories.All);
        headers.Add("total ms/req");
        var table = new MarkdownTable(headers.ToArray());
        foreach (var run in http.Runs.Where(r => r.Cpu is not null && r.Completed > 0))
        {
            var cpu = run.Cpu!;
            var cells = new List<string>
            {
                $"{run.Scenario} ({(run.Kind == LoadRun.App ? "app" : "pgbench")})",
                run.Concurrency.ToString(CultureInfo.InvariantCulture),
                Fmt.Number(cpu.BusyCores, "N2"),
            };
            cells.AddRange(CpuCategories.All.Select(c => Fmt.Number(cpu.CoreSecondsByCategory.GetValueOrDefault(c) * 1000 / run.Completed, "N3")));
            cells.Add(Fmt.Number(cpu.MachineBusyCoreSeconds * 1000 / run.Completed, "N3"));
            table.Row(cells.ToArray());
        }

        md.AppendLine(table.ToString());
    }
}
