namespace Intake.Training;

/// <summary>
/// Cosine decay from the peak rate to a tenth of it over the run: large steps while the loss falls fast,
/// small ones at the end to settle. The rate depends only on the step number, so a resumed run uses the
/// same rates as an uninterrupted one.
/// </summary>
internal static class LearningRateSchedule
{
    private const double FinalFraction = 0.1;

    /// <param name="step">0-based step within the whole run.</param>
    public static double At(double peak, long step, long totalSteps)
    {
        var progress = totalSteps <= 1 ? 0 : Math.Clamp((double)step / (totalSteps - 1), 0, 1);
        return peak * (FinalFraction + (1 - FinalFraction) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
