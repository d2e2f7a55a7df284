using Intake.Api.Jobs;

namespace Intake.UnitTests;

public sealed class GenerateTrainingDataRequestTests
{
    private static readonly Guid[] OneDocument = [Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff")];

    private static string[] ErrorFields(GenerateTrainingDataRequest request) =>
        [.. request.Validate().ToDictionary().Keys.Order(StringComparer.Ordinal)];

    private static Guid[] DistinctIds(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new Guid(i, 0, 0, new byte[8]))];

    [Fact]
    public void Validate_OnlyDocumentIds_IsValidWithDefaults()
    {
        var request = new GenerateTrainingDataRequest(OneDocument, null, null, null);

        Assert.True(request.Validate().IsEmpty);
        Assert.Equal("completion", request.EffectiveFormat);
        Assert.Equal(0.1, request.EffectiveValidationFraction);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(99, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    [InlineData(1000, false)]
    public void Validate_DocumentIds_Count1To100(int count, bool valid)
    {
        var errors = ErrorFields(new GenerateTrainingDataRequest(DistinctIds(count), null, null, null));

        Assert.Equal(valid ? [] : new[] { "documentIds" }, errors);
    }

    [Fact]
    public void Validate_MissingDocumentIds_IsAnError() =>
        Assert.Equal(new[] { "documentIds" }, ErrorFields(new GenerateTrainingDataRequest(null, null, null, null)));

    [Fact]
    public void Validate_EmptyDocumentId_IsAnError()
    {
        Assert.Equal(new[] { "documentIds" }, ErrorFields(new GenerateTrainingDataRequest([Guid.Empty], null, null, null)));
        Assert.Equal(new[] { "documentIds" }, ErrorFields(new GenerateTrainingDataRequest([.. DistinctIds(5), Guid.Empty], null, null, null)));
    }

    [Fact]
    public void Validate_RepeatedDocumentId_IsAnError()
    {
        var ids = DistinctIds(3);

        Assert.Equal(new[] { "documentIds" }, ErrorFields(new GenerateTrainingDataRequest([ids[0], ids[0]], null, null, null)));
        Assert.Equal(new[] { "documentIds" }, ErrorFields(new GenerateTrainingDataRequest([ids[0], ids[1], ids[2], ids[1]], null, null, null)));
        Assert.Equal(new[] { "documentIds" }, ErrorFields(new GenerateTrainingDataRequest([.. DistinctIds(60), .. DistinctIds(40)], null, null, null)));
    }

    [Theory]
    [InlineData("completion", true)]
    [InlineData("qa", true)]
    [InlineData("", false)]
    [InlineData(" ", false)]
    [InlineData("Completion", false)]
    [InlineData("QA", false)]
    [InlineData(" qa", false)]
    [InlineData("qa ", false)]
    [InlineData("chat", true)]
    [InlineData("jsonl", false)]
    public void Validate_Format_IsCompletionChatOrQa(string format, bool valid)
    {
        var errors = ErrorFields(new GenerateTrainingDataRequest(OneDocument, format, null, null));

        Assert.Equal(valid ? [] : new[] { "format" }, errors);
    }

    [Theory]
    [InlineData(int.MinValue, false)]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(99_999, true)]
    [InlineData(100_000, true)]
    [InlineData(100_001, false)]
    [InlineData(int.MaxValue, false)]
    public void Validate_MaxExamples_1To100000(int maxExamples, bool valid)
    {
        var errors = ErrorFields(new GenerateTrainingDataRequest(OneDocument, null, maxExamples, null));

        Assert.Equal(valid ? [] : new[] { "maxExamples" }, errors);
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(double.Epsilon, true)]
    [InlineData(0.1, true)]
    [InlineData(0.25, true)]
    [InlineData(0.4999999, true)]
    [InlineData(0.5, true)]
    [InlineData(0.5000001, false)]
    [InlineData(0.51, false)]
    [InlineData(1.0, false)]
    [InlineData(-0.0000001, false)]
    [InlineData(-1.0, false)]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, false)]
    [InlineData(double.NegativeInfinity, false)]
    public void Validate_ValidationFraction_0To0Point5(double fraction, bool valid)
    {
        var errors = ErrorFields(new GenerateTrainingDataRequest(OneDocument, null, null, fraction));

        Assert.Equal(valid ? [] : new[] { "validationFraction" }, errors);
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryField()
    {
        var errors = ErrorFields(new GenerateTrainingDataRequest([], "csv", 0, double.NaN));

        Assert.Equal(new[] { "documentIds", "format", "maxExamples", "validationFraction" }, errors);
    }
}
