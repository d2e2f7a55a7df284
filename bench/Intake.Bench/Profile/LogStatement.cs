namespace Intake.Bench.Profile;

/// <summary>One "duration: … ms  parse|bind|execute|statement: SQL" entry of the PostgreSQL log.</summary>
public sealed record LogStatement(int BackendPid, string Step, double Milliseconds, string Sql)
{
    /// <summary>Parse and bind are steps of one statement; execute (extended) or statement (simple) is the statement.</summary>
    public bool IsExecution => Step is "execute" or "statement";
}
