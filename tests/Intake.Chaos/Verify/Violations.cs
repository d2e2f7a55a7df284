namespace Intake.Chaos.Verify;

/// <summary>Collects the violations of one check, keeping the first few as examples.</summary>
public sealed class Violations(string name, CheckKind kind)
{
    private const int MaxSamples = 8;
    private readonly List<string> _samples = [];
    private long _count;

    public void Add(string detail)
    {
        if (Interlocked.Increment(ref _count) <= MaxSamples)
        {
            lock (_samples)
            {
                _samples.Add(detail);
            }
        }
    }

    public CheckResult Result(string? note = null) => new(name, kind, Interlocked.Read(ref _count), _samples, note);
}
