namespace Intake.Workers.Hosting;

/// <summary>The names used in `Workers:Consumers` and as the settings section of each consumer.</summary>
public static class WorkerKinds
{
    public const string Documents = "documents";
    public const string Datasets = "datasets";
    public const string Training = "training";

    public static readonly IReadOnlyList<string> All = [Documents, Datasets, Training];
}
