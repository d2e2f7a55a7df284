using System.Globalization;
using Intake.Chaos.Faults;
using Intake.Chaos.Http;
using Intake.Chaos.Load;
using Intake.Chaos.Stack;

namespace Intake.Chaos.Report;

/// <summary>A status line every few seconds: load progress, job states, unsent outbox rows, client errors, faults.</summary>
public sealed class ProgressReporter(LoadRunner load, ChaosDb db, Tally tally, FaultLog faults, RunClock clock, int jobs, TimeSpan every)
{
    private const string StatusSql = """
        SELECT coalesce(string_agg(status || ' ' || n, ', ' ORDER BY status), 'none')
               || ' | unsent outbox ' || (SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL)
        FROM (SELECT status, count(*) AS n FROM jobs GROUP BY status) s
        """;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            string status;
            try
            {
                var rows = await db.RowsAsync(StatusSql, cancellationToken);
                status = rows[0][0] as string ?? "?";
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
            {
                status = "database unreachable";
            }
            catch (OperationCanceledException)
            {
                return;
            }

            clock.Log(string.Create(CultureInfo.InvariantCulture,
                $"load {load.Started}/{jobs} started, {load.Finished} done | jobs: {status} | http {tally["http.requests"]} " +
                $"(5xx {tally["http.5xx"]}, conn {tally["http.connection-errors"]}, 409 {tally["http.409"]}) | " +
                $"kills {faults.Count("worker-kill")}, broker {faults.Count("rabbitmq-outage")}, pg {faults.Count("postgres-restart")}, api {faults.Count("api-crash")}"));
        }
    }
}
