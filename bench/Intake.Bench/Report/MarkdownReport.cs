using System.Text;
using Intake.Bench.Results;

namespace Intake.Bench.Report;

/// <summary>report.md: environment, targets, every scenario against its baseline, CPU, profile, plots.</summary>
public static class MarkdownReport
{
    public static string Build(RunData data, string? environment, IReadOnlyList<(string File, string Title)> plots)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Intake benchmark — {Path.GetFileName(data.Directory.TrimEnd('/'))}").AppendLine();
        if (environment is not null)
        {
            md.AppendLine(environment.Trim()).AppendLine();
        }

        md.AppendLine("## Targets (issue 6)").AppendLine();
        var targets = new MarkdownTable("target", "measured", "result");
        foreach (var check in Targets.Evaluate(data))
        {
            targets.Row(check.Target, check.Measured, Fmt.Met(check.Met));
        }

        md.AppendLine(targets.ToString());
        LoadSection.Write(md, data);
        MessagingSection.Write(md, data);
        CpuSection.Write(md, data);
        ProfileSection.Write(md, data);
        WriteBaselineNotes(md, data.Http);

        if (plots.Count > 0)
        {
            md.AppendLine("## Plots").AppendLine();
            foreach (var (file, title) in plots)
            {
                md.AppendLine($"![{title}]({file})").AppendLine();
            }
        }

        return md.ToString();
    }

    private static void WriteBaselineNotes(StringBuilder md, HttpPhaseResult? http)
    {
        if (http is null)
        {
            return;
        }

        md.AppendLine("## Baseline scripts").AppendLine();
        md.AppendLine("Generated in this run from rows the app had just written (same columns and literal values, so the same sizes; fresh time-ordered uuids, " +
                      "`now()`-relative timestamps, pgbench outbox rows parked at `available_at = infinity` so the API's relay ignores them). Files: `pgbench/*.sql`.").AppendLine();
        foreach (var script in http.BaselineScripts)
        {
            md.AppendLine($"- {script}");
        }

        md.AppendLine();
        var sizes = new MarkdownTable("table", "app row bytes", "pgbench row bytes");
        foreach (var size in http.RowSizes)
        {
            sizes.Row(size.Table, Fmt.Number(size.AppBytes, "N0"), Fmt.Number(size.BaselineBytes, "N0"));
        }

        md.AppendLine("Average stored row size (`pg_column_size`):").AppendLine().AppendLine(sizes.ToString());
    }
}
