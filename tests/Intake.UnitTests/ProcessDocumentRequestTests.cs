using Intake.Api.Jobs;

namespace Intake.UnitTests;

public sealed class ProcessDocumentRequestTests
{
    private static readonly Guid DocumentId = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");

    private static string[] ErrorFields(ProcessDocumentRequest request) =>
        [.. request.Validate().ToDictionary().Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void Validate_OnlyADocumentId_IsValidWithDefaults()
    {
        var request = new ProcessDocumentRequest(DocumentId, null, null);

        Assert.True(request.Validate().IsEmpty);
        Assert.Equal(1000, request.EffectiveChunkSize);
        Assert.Equal(100, request.EffectiveChunkOverlap);
    }

    [Fact]
    public void Validate_MissingOrEmptyDocumentId_IsAnErrorOnDocumentId()
    {
        Assert.Equal(new[] { "documentId" }, ErrorFields(new ProcessDocumentRequest(null, null, null)));
        Assert.Equal(new[] { "documentId" }, ErrorFields(new ProcessDocumentRequest(Guid.Empty, 1000, 100)));
    }

    [Theory]
    [InlineData(int.MinValue, false)]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(199, false)]
    [InlineData(200, true)]
    [InlineData(201, true)]
    [InlineData(7999, true)]
    [InlineData(8000, true)]
    [InlineData(8001, false)]
    [InlineData(int.MaxValue, false)]
    public void Validate_ChunkSize_MustBe200To8000(int chunkSize, bool valid)
    {
        var errors = ErrorFields(new ProcessDocumentRequest(DocumentId, chunkSize, 0));

        Assert.Equal(valid ? [] : new[] { "chunkSize" }, errors);
    }

    [Theory]
    [InlineData(1000, -1, false)]
    [InlineData(1000, 0, true)]
    [InlineData(1000, 1, true)]
    [InlineData(1000, 500, true)]
    [InlineData(1000, 501, false)]
    [InlineData(200, 100, true)]
    [InlineData(200, 101, false)]
    [InlineData(201, 100, true)]
    [InlineData(201, 101, false)]
    [InlineData(8000, 4000, true)]
    [InlineData(8000, 4001, false)]
    [InlineData(8000, int.MinValue, false)]
    [InlineData(8000, int.MaxValue, false)]
    public void Validate_ChunkOverlap_MustBe0ToHalfTheChunkSize(int chunkSize, int chunkOverlap, bool valid)
    {
        var errors = ErrorFields(new ProcessDocumentRequest(DocumentId, chunkSize, chunkOverlap));

        Assert.Equal(valid ? [] : new[] { "chunkOverlap" }, errors);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(501, false)]
    [InlineData(-1, false)]
    public void Validate_ChunkOverlap_IsCheckedAgainstTheDefaultChunkSize(int chunkOverlap, bool valid)
    {
        var errors = ErrorFields(new ProcessDocumentRequest(DocumentId, null, chunkOverlap));

        Assert.Equal(valid ? [] : new[] { "chunkOverlap" }, errors);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(8000)]
    public void Validate_DefaultOverlap_IsValidForEveryValidChunkSize(int chunkSize)
    {
        var request = new ProcessDocumentRequest(DocumentId, chunkSize, null);

        Assert.True(request.Validate().IsEmpty);
        Assert.InRange(request.EffectiveChunkOverlap, 0, chunkSize / 2);
    }

    [Fact]
    public void Validate_SeveralProblems_AreAllReported()
    {
        var errors = new ProcessDocumentRequest(null, 100, null).Validate().ToDictionary();

        Assert.Equal(new[] { "chunkSize", "documentId" }, errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.NotEmpty(messages));
        Assert.All(errors.Values.SelectMany(m => m), message => Assert.False(string.IsNullOrWhiteSpace(message)));
    }
}
