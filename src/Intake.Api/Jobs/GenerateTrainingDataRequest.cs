namespace Intake.Api.Jobs;

public sealed record GenerateTrainingDataRequest(
    IReadOnlyList<Guid>? DocumentIds,
    string? Format,
    int? MaxExamples,
    double? ValidationFraction)
{
    public static readonly IReadOnlyList<string> Formats = ["completion", "chat", "qa"];

    public string EffectiveFormat => Format ?? "completion";

    public double EffectiveValidationFraction => ValidationFraction ?? 0.1;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (DocumentIds is null || DocumentIds.Count is < 1 or > 100)
        {
            errors.Add("documentIds", "documentIds must list 1 to 100 document ids.");
        }
        else if (DocumentIds.Any(id => id == Guid.Empty))
        {
            errors.Add("documentIds", "documentIds must not contain an empty id.");
        }
        else if (DocumentIds.Distinct().Count() != DocumentIds.Count)
        {
            errors.Add("documentIds", "documentIds must not repeat an id.");
        }

        if (!Formats.Contains(EffectiveFormat))
        {
            errors.Add("format", "format must be \"completion\", \"chat\" or \"qa\".");
        }

        if (MaxExamples is < 1 or > 100_000)
        {
            errors.Add("maxExamples", "maxExamples must be between 1 and 100000.");
        }

        if (double.IsNaN(EffectiveValidationFraction) || EffectiveValidationFraction is < 0 or > 0.5)
        {
            errors.Add("validationFraction", "validationFraction must be between 0 and 0.5.");
        }

        return errors;
    }
}
