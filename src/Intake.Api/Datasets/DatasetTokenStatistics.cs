namespace Intake.Api.Datasets;

/// <summary>cl100k_base tokens per example's text: what fine-tuning is billed and bounded by.</summary>
public sealed record DatasetTokenStatistics(long Total, int Min, double Mean, int Max);
