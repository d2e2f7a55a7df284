using System.Runtime.InteropServices;
using Intake.Chaos;
using Intake.Chaos.Cli;

ChaosOptions options;
try
{
    options = CommandLine.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

using var cancellation = new CancellationTokenSource();
// SIGINT and SIGTERM cancel the run; it then stops the processes it started before exiting.
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

try
{
    return await new ChaosRun(options).RunAsync(cancellation.Token);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("[chaos] cancelled");
    return 130;
}
catch (Exception exception)
{
    Console.Error.WriteLine($"[chaos] ERROR: {exception}");
    return 2;
}

void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    cancellation.Cancel();
}
