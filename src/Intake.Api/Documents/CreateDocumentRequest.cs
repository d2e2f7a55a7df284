namespace Intake.Api.Documents;

public sealed record CreateDocumentRequest(string? Name, string? ContentType, string? Content)
{
    public static IReadOnlyList<string> ContentTypes => DocumentContentTypes.Text;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 255)
        {
            errors.Add("name", "name must be 1 to 255 characters.");
        }

        if (ContentType is null || !ContentTypes.Contains(ContentType))
        {
            errors.Add("contentType", $"contentType must be one of: {string.Join(", ", ContentTypes)}.");
        }

        if (string.IsNullOrEmpty(Content))
        {
            errors.Add("content", "content must not be empty.");
        }

        return errors;
    }
}
