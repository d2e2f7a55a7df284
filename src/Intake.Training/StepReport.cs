namespace Intake.Training;

/// <summary>Progress within a run, sent about every progress interval.</summary>
/// <param name="Step">Steps done in this epoch, 1…<paramref name="StepsPerEpoch"/>.</param>
/// <param name="CompletedSteps">Steps done in the whole run, counting epochs done before a resume.</param>
/// <param name="TrainLoss">The mean mini-batch loss of this epoch so far.</param>
public sealed record StepReport(
    int Epoch,
    int Epochs,
    int Step,
    int StepsPerEpoch,
    long CompletedSteps,
    long TotalSteps,
    double TrainLoss)
{
    public double Fraction => TotalSteps == 0 ? 1 : (double)CompletedSteps / TotalSteps;
}
