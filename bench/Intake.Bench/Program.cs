using Intake.Bench.Cli;
using Intake.Bench.Phases;
using Intake.Bench.Report;
using Intake.Bench.Ui;

namespace Intake.Bench;

/// <summary>
/// Benchmark harness of issue 6. scripts/bench.sh starts the stack and calls one command per phase:
///   http     scenarios 1–5 (+ in-flight duplicates) interleaved with their pgbench baselines
///   relay    the outbox relay alone draining a backlog
///   e2e      end to end with the worker processes bench.sh started (--workers W)
///   profile  statements, server time and round trips of one request (C = 1)
///   report   report.md and plots from the phases' JSON
///   load     one scenario for a while against a running API (no results): to attach a profiler
/// Every command writes into --results DIR and exits non-zero when something failed.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        CommandLine line;
        try
        {
            line = CommandLine.Parse(args);
        }
        catch (ArgumentException exception)
        {
            Say.Error(exception.Message);
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            var settings = BenchSettings.From(line);
            if (line.Command == "report")
            {
                return await ReportCommand.RunAsync(settings.ResultsDirectory);
            }

            await using var context = new PhaseContext(settings);
            return line.Command switch
            {
                "http" => await new HttpPhase(context).RunAsync(cancellation.Token),
                "relay" => await new RelayPhase(context).RunAsync(line.Integer("backlog", settings.Smoke ? 200 : 20000), cancellation.Token),
                "e2e" => await new EndToEndPhase(context).RunAsync(
                    line.Integer("workers", 1),
                    line.Integer("jobs", settings.Smoke ? 20 : 2000),
                    line.Integer("warm-up-jobs", settings.Smoke ? 4 : 500),
                    line.Number("paced-rate", settings.Smoke ? 40 : 50),
                    line.Number("paced-seconds", settings.Smoke ? 0.5 : 15),
                    cancellation.Token),
                "load" => await new LoadCommand(context).RunAsync(line.Text("scenario", Scenarios.SubmitNew), cancellation.Token),
                "profile" => await new ProfilePhase(context).RunAsync(
                    line.Integer("requests", settings.Smoke ? 3 : 50),
                    line.Text("pg-log"),
                    line.Text("api-pid") is { } pid ? int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture) : null,
                    cancellation.Token),
                _ => Unknown(line.Command),
            };
        }
        catch (OperationCanceledException)
        {
            Say.Error("cancelled");
            return 130;
        }
        catch (Exception exception)
        {
            Say.Error($"{line.Command} failed: {exception}");
            return 1;
        }
    }

    private static int Unknown(string command)
    {
        Say.Error($"unknown command '{command}' (http, relay, e2e, profile, report, load)");
        return 2;
    }
}
