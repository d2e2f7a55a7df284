using Intake.Api.Jobs;

namespace Intake.UnitTests;

public sealed class StartTrainingRequestTests
{
    private static readonly Guid DatasetId = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");

    private static string[] ErrorFields(StartTrainingRequest request) =>
        [.. request.Validate().ToDictionary().Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void Validate_OnlyADatasetId_IsValidWithThreeEpochs()
    {
        var request = new StartTrainingRequest(DatasetId, null, null);

        Assert.True(request.Validate().IsEmpty);
        Assert.Equal(3, request.EffectiveEpochs);
    }

    [Fact]
    public void Validate_MissingOrEmptyDatasetId_IsAnErrorOnDatasetId()
    {
        Assert.Equal(new[] { "datasetId" }, ErrorFields(new StartTrainingRequest(null, "base", 3)));
        Assert.Equal(new[] { "datasetId" }, ErrorFields(new StartTrainingRequest(Guid.Empty, null, null)));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(199, true)]
    [InlineData(200, true)]
    [InlineData(201, false)]
    [InlineData(5000, false)]
    public void Validate_BaseModel_WhenGiven_Is1To200Characters(int length, bool valid)
    {
        var baseModel = string.Concat(Enumerable.Repeat("m", length));

        var errors = ErrorFields(new StartTrainingRequest(DatasetId, baseModel, null));

        Assert.Equal(valid ? [] : new[] { "baseModel" }, errors);
    }

    [Theory]
    [InlineData(int.MinValue, false)]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(19, true)]
    [InlineData(20, true)]
    [InlineData(21, false)]
    [InlineData(int.MaxValue, false)]
    public void Validate_Epochs_1To20(int epochs, bool valid)
    {
        var errors = ErrorFields(new StartTrainingRequest(DatasetId, null, epochs));

        Assert.Equal(valid ? [] : new[] { "epochs" }, errors);
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryField() =>
        Assert.Equal(new[] { "baseModel", "datasetId", "epochs" }, ErrorFields(new StartTrainingRequest(null, "", 0)));
}
