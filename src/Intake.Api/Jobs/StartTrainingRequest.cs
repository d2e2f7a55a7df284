namespace Intake.Api.Jobs;

public sealed record StartTrainingRequest(Guid? DatasetId, string? BaseModel, int? Epochs)
{
    public const int DefaultEpochs = 3;

    public int EffectiveEpochs => Epochs ?? DefaultEpochs;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (DatasetId is null || DatasetId == Guid.Empty)
        {
            errors.Add("datasetId", "datasetId is required.");
        }

        if (BaseModel is not null && (string.IsNullOrWhiteSpace(BaseModel) || BaseModel.Length > 200))
        {
            errors.Add("baseModel", "baseModel must be 1 to 200 characters when given.");
        }

        if (EffectiveEpochs is < 1 or > 20)
        {
            errors.Add("epochs", "epochs must be between 1 and 20.");
        }

        return errors;
    }
}
