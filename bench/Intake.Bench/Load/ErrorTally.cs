using System.Collections.Concurrent;

namespace Intake.Bench.Load;

/// <summary>Errors by kind, with the first few messages kept as samples. Thread-safe.</summary>
public sealed class ErrorTally
{
    private const int MaxSamples = 8;
    private readonly ConcurrentDictionary<string, long> _counts = new();
    private readonly ConcurrentQueue<string> _samples = new();
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public IReadOnlyDictionary<string, long> Counts => new SortedDictionary<string, long>(_counts);

    public IReadOnlyList<string> Samples => _samples.ToList();

    public void Add(string error)
    {
        Interlocked.Increment(ref _total);
        var kind = error.Length > 80 ? error[..80] : error;
        _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
        if (_samples.Count < MaxSamples)
        {
            _samples.Enqueue(error.Length > 400 ? error[..400] : error);
        }
    }
}
