namespace Intake.Api.TrainingRuns;

public sealed record SampleRequest(string? Prompt, int? MaxTokens, double? Temperature, int? Seed)
{
    public int EffectiveMaxTokens => MaxTokens ?? 200;

    public double EffectiveTemperature => Temperature ?? 0.8;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Prompt is { Length: > 2000 })
        {
            errors.Add("prompt", "prompt must be at most 2000 characters.");
        }

        if (EffectiveMaxTokens is < 1 or > 2000)
        {
            errors.Add("maxTokens", "maxTokens must be between 1 and 2000.");
        }

        if (double.IsNaN(EffectiveTemperature) || EffectiveTemperature is < 0 or > 2)
        {
            errors.Add("temperature", "temperature must be between 0 and 2.");
        }

        return errors;
    }
}
