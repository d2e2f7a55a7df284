using System.Globalization;
using System.Text;

namespace Intake.Bench.Report;

/// <summary>Statements, server time and round trips per request (profile pass), and the EXPLAIN plans.</summary>
public static class ProfileSection
{
    public static void Write(StringBuilder md, RunData data)
    {
        if (data.Profile is not { } profile)
        {
            return;
        }

        md.AppendLine("## Profile of one request (C = 1, statement logging and strace on)").AppendLine();
        md.AppendLine("A separate API process whose connections log every statement (`log_min_duration_statement = 0` on the benchmark database only). " +
                      "Round trips = writes on the API's PostgreSQL sockets (strace), the relay's share counted apart. Logging and tracing inflate the times: read the counts and the server/total split.").AppendLine();
        foreach (var note in profile.Notes)
        {
            md.AppendLine($"- {note}");
        }

        var table = new MarkdownTable("request", "n", "total ms/req (traced)", "statements/req", "server ms/req", "round trips/req", "relay round trips/req");
        foreach (var s in profile.Segments)
        {
            table.Row(s.Name, s.Requests.ToString(CultureInfo.InvariantCulture), Fmt.Ms(s.ClientMsPerRequest), Fmt.Number(s.StatementsPerRequest),
                Fmt.Number(s.ServerMsPerRequest, "N3"), s.RoundTripsPerRequest is { } r ? Fmt.Number(r) : "–",
                s.RelayRoundTripsPerRequest is { } relay ? Fmt.Number(relay) : "–");
        }

        md.AppendLine().AppendLine(table.ToString());
        foreach (var s in profile.Segments)
        {
            md.AppendLine($"**{s.Name}** — round trips of one request: {(s.RoundTripSequence.Count == 0 ? "–" : string.Join(" → ", s.RoundTripSequence.Select(x => $"`{x}`")))}").AppendLine();
            var statements = new MarkdownTable("statement (normalised)", "executions/req", "server ms/req");
            foreach (var st in s.Statements.Take(12))
            {
                statements.Row($"`{st.Statement}`", Fmt.Number(st.ExecutesPerRequest, "N2"), Fmt.Number(st.ServerMsPerRequest, "N3"));
            }

            md.AppendLine(statements.ToString());
        }

        if (profile.Background.Count > 0)
        {
            md.AppendLine("Relay statements during the profile (per profiled request):").AppendLine();
            var relay = new MarkdownTable("statement", "executions/req", "server ms/req");
            foreach (var st in profile.Background)
            {
                relay.Row($"`{st.Statement}`", Fmt.Number(st.ExecutesPerRequest, "N2"), Fmt.Number(st.ServerMsPerRequest, "N3"));
            }

            md.AppendLine(relay.ToString());
        }

        md.AppendLine("### EXPLAIN (ANALYZE, BUFFERS, WAL), each in a rolled-back transaction").AppendLine();
        foreach (var explain in profile.Explains)
        {
            md.AppendLine($"<details><summary>{explain.Name}</summary>").AppendLine();
            md.AppendLine("```sql").AppendLine(explain.Sql).AppendLine("```").AppendLine("```").AppendLine(explain.Plan).AppendLine("```").AppendLine("</details>").AppendLine();
        }
    }
}
