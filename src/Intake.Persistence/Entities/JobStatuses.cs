namespace Intake.Persistence.Entities;

public static class JobStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Queued, Running, Succeeded, Failed];
}
