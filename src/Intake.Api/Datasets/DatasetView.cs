using Intake.Persistence.Entities;

namespace Intake.Api.Datasets;

public sealed record DatasetView(
    Guid DatasetId,
    Guid JobId,
    string Format,
    IReadOnlyList<Guid> DocumentIds,
    int ExampleCount,
    int TrainCount,
    int ValidationCount,
    int DuplicatesRemoved,
    double ValidationFraction,
    DatasetTokenStatistics Tokens,
    DateTimeOffset CreatedAt)
{
    public static DatasetView From(Dataset d) => new(
        d.Id, d.JobId, d.Format, d.DocumentIds, d.ExampleCount, d.TrainCount, d.ValidationCount,
        d.DuplicatesRemoved, d.ValidationFraction, new DatasetTokenStatistics(d.TokensTotal, d.TokensMin, d.TokensMean, d.TokensMax), d.CreatedAt);
}
