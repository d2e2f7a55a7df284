namespace Intake.Bench.Baseline;

/// <summary>A row as the app wrote it, used to write pgbench SQL with the same columns and sizes.</summary>
public sealed record RowTemplate(string Table, IReadOnlyList<TemplateColumn> Columns);
