namespace Intake.Bench.Profile;

/// <summary>One write on a PostgreSQL socket of the API process: one round trip (Npgsql flushes once per command or batch).</summary>
public sealed record PgWrite(int Fd, string Text)
{
    public bool IsRelayClaim => Text.Contains("SKIP LOCKED", StringComparison.OrdinalIgnoreCase);

    /// <summary>A simple-protocol COMMIT or ROLLBACK (strace shows the terminating NUL as \0; "READ COMMITTED" does not count).</summary>
    public bool EndsTransaction => Text.Contains("COMMIT\\0", StringComparison.Ordinal) || Text.Contains("ROLLBACK\\0", StringComparison.Ordinal);
}
