namespace Intake.Persistence.Inbox;

/// <summary>
/// A failure that no retry can fix (the document does not exist, the dataset is empty). Retry
/// policies ignore it, so the job fails at once with <see cref="Code"/> as its error code.
/// </summary>
public sealed class PermanentJobFailureException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
