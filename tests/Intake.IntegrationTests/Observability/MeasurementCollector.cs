using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Intake.IntegrationTests.Observability;

/// <summary>
/// Adds up what the in-process hosts record on the "Intake" meter (the in-process worker has no
/// HTTP endpoint to scrape), by instrument and one tag's value.
/// </summary>
public sealed class MeasurementCollector : IDisposable
{
    private readonly ConcurrentDictionary<(string Instrument, string? TagValue), double> _totals = new();
    private readonly MeterListener _listener = new();
    private readonly string _tag;

    public MeasurementCollector(string tag)
    {
        _tag = tag;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Intake")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Add(instrument, 1, tags));
        _listener.Start();
    }

    /// <summary>Counters: the sum of their increments. Histograms: how many values were recorded.</summary>
    public double Total(string instrument, string tagValue) => _totals.GetValueOrDefault((instrument, tagValue));

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? tagValue = null;
        foreach (var tag in tags)
        {
            if (tag.Key == _tag)
            {
                tagValue = tag.Value?.ToString();
            }
        }

        _totals.AddOrUpdate((instrument.Name, tagValue), value, (_, total) => total + value);
    }
}
