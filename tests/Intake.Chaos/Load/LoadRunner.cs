using Intake.Chaos.Cli;

namespace Intake.Chaos.Load;

/// <summary>Starts the logical submissions at a steady pace (at most MaxInFlight at once) and waits for them all.</summary>
public sealed class LoadRunner(Scenario scenario, Ledger ledger, ChaosOptions options, RunClock clock)
{
    private int _started;
    private int _finished;

    public int Started => Volatile.Read(ref _started);

    public int Finished => Volatile.Read(ref _finished);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(options.MaxInFlight);
        var tasks = new List<Task>(options.Jobs);
        for (var i = 0; i < options.Jobs; i++)
        {
            await clock.WaitUntilAsync(TimeSpan.FromSeconds(i / options.Rate), cancellationToken);
            await slots.WaitAsync(cancellationToken);
            Interlocked.Increment(ref _started);
            tasks.Add(RunOneAsync(i, slots, cancellationToken));
        }

        await Task.WhenAll(tasks);
    }

    private async Task RunOneAsync(int index, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            await scenario.RunAsync(index, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            ledger.Violation("client-error", $"submission {index}: {exception.GetType().Name}: {exception.Message}");
        }
        finally
        {
            slots.Release();
            Interlocked.Increment(ref _finished);
        }
    }
}
