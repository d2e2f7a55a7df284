namespace Intake.Training;

/// <summary>
/// The running totals of the epoch being trained. One running sum, added to step by step, so the
/// reported train loss does not depend on where progress reports happened to split the epoch.
/// </summary>
internal sealed class EpochProgress(int epoch, Random random)
{
    private double lossSum;

    public int Epoch { get; } = epoch;

    /// <summary>Draws this epoch's mini-batches.</summary>
    public Random Random { get; } = random;

    public int Steps { get; private set; }

    public double MeanLoss => Steps == 0 ? double.NaN : lossSum / Steps;

    public void Record(double batchLoss)
    {
        lossSum += batchLoss;
        Steps++;
    }
}
