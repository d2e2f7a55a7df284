namespace Intake.Chaos.Stack;

/// <summary>What a worker process consumes: documents alone, or datasets and training together.</summary>
public sealed record WorkerKind(string Prefix, string Consumers)
{
    public static readonly WorkerKind Documents = new("documents", "documents");

    public static readonly WorkerKind Mixed = new("datasets-training", "datasets,training");
}
