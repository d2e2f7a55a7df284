namespace Intake.Bench.Results;

/// <summary>EXPLAIN (ANALYZE, BUFFERS, WAL) of one statement of the submit path (rolled back).</summary>
public sealed record ExplainResult(string Name, string Sql, string Plan);
