namespace Intake.Training;

/// <summary>The texts of a dataset's examples, split as the dataset split them.</summary>
public sealed record TrainingCorpus(IReadOnlyList<string> Train, IReadOnlyList<string> Validation)
{
    /// <summary>
    /// What validation metrics are measured on: the validation texts, or the training texts when there are
    /// none (a dataset made with validationFraction 0), so that the metrics are still defined and finite.
    /// </summary>
    public IReadOnlyList<string> EvaluationTexts => Validation.Count > 0 ? Validation : Train;
}
