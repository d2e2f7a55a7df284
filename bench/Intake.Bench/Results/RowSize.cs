namespace Intake.Bench.Results;

/// <summary>Average stored row size written by the app and by the pgbench baseline (pg_column_size).</summary>
public sealed record RowSize(string Table, double AppBytes, double BaselineBytes);
