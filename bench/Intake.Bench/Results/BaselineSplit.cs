namespace Intake.Bench.Results;

/// <summary>A bracketing baseline's throughput before and after the app's run (transactions per second), to show how far the machine drifted in between.</summary>
public sealed record BaselineSplit(double BeforeThroughput, double AfterThroughput)
{
    /// <summary>After ÷ before: 1 when the machine ran at the same speed on both sides of the app's run.</summary>
    public double Drift => BeforeThroughput > 0 ? AfterThroughput / BeforeThroughput : 0;
}
