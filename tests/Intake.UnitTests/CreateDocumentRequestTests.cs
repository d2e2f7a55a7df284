using Intake.Api.Documents;

namespace Intake.UnitTests;

public sealed class CreateDocumentRequestTests
{
    private static string[] ErrorFields(CreateDocumentRequest request) =>
        [.. request.Validate().ToDictionary().Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/markdown")]
    [InlineData("text/html")]
    public void Validate_ValidRequest_HasNoErrors(string contentType) =>
        Assert.True(new CreateDocumentRequest("notes.txt", contentType, "Some content.").Validate().IsEmpty);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(254, true)]
    [InlineData(255, true)]
    [InlineData(256, false)]
    [InlineData(10_000, false)]
    public void Validate_Name_Is1To255Characters(int length, bool valid)
    {
        var name = string.Concat(Enumerable.Repeat("n", length));

        var errors = ErrorFields(new CreateDocumentRequest(name, "text/plain", "content"));

        Assert.Equal(valid ? [] : new[] { "name" }, errors);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("   ")]
    [InlineData("\t")]
    [InlineData("\r\n")]
    [InlineData("\u00A0")]
    public void Validate_BlankName_IsAnError(string name) =>
        Assert.Equal(new[] { "name" }, ErrorFields(new CreateDocumentRequest(name, "text/plain", "content")));

    [Fact]
    public void Validate_MissingName_IsAnError() =>
        Assert.Equal(new[] { "name" }, ErrorFields(new CreateDocumentRequest(null, "text/plain", "content")));

    [Theory]
    [InlineData("")]
    [InlineData("text")]
    [InlineData("text/csv")]
    [InlineData("application/json")]
    [InlineData("application/pdf")]
    [InlineData("text/plain ")]
    [InlineData(" text/plain")]
    [InlineData("text/plainx")]
    [InlineData("text/*")]
    public void Validate_OtherContentTypes_AreErrors(string contentType) =>
        Assert.Equal(new[] { "contentType" }, ErrorFields(new CreateDocumentRequest("doc", contentType, "content")));

    [Fact]
    public void Validate_MissingContentType_IsAnError() =>
        Assert.Equal(new[] { "contentType" }, ErrorFields(new CreateDocumentRequest("doc", null, "content")));

    [Fact]
    public void Validate_MissingOrEmptyContent_IsAnError()
    {
        Assert.Equal(new[] { "content" }, ErrorFields(new CreateDocumentRequest("doc", "text/plain", null)));
        Assert.Equal(new[] { "content" }, ErrorFields(new CreateDocumentRequest("doc", "text/plain", "")));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("😀")]
    [InlineData("# Title\n\nBody.")]
    public void Validate_NonEmptyContent_IsAccepted(string content) =>
        Assert.True(new CreateDocumentRequest("doc", "text/markdown", content).Validate().IsEmpty);

    [Fact]
    public void Validate_EverythingMissing_ReportsEveryField() =>
        Assert.Equal(new[] { "content", "contentType", "name" }, ErrorFields(new CreateDocumentRequest(null, null, null)));
}
