namespace Intake.Bench.Results;

/// <summary>One kind of SQL statement seen in the PostgreSQL log during a profiled segment.</summary>
public sealed record StatementStat(string Statement, double ExecutesPerRequest, double ServerMsPerRequest);
