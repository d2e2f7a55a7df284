using System.Threading.Channels;

namespace Intake.Persistence.Outbox;

/// <summary>
/// Wakes the relay right after a commit in this process, so the happy path has no polling delay.
/// Many notifications collapse into one wake-up: the relay drains everything it finds anyway.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Takes a notification that is already pending, without waiting.</summary>
    public bool TryConsume() => _channel.Reader.TryRead(out _);

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout elapsed: time for the fallback poll.
        }
    }
}
