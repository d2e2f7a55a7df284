namespace Intake.Bench.Profile;

/// <summary>
/// Splits logged statements into the relay's and the requests': per backend, a transaction
/// (BEGIN … COMMIT/ROLLBACK, with the DISCARD ALL that Npgsql prepends on a reused connection)
/// is the relay's when any of its statements is.
/// </summary>
public static class StatementGroups
{
    public static (List<LogStatement> Requests, List<LogStatement> Relay) Split(IReadOnlyList<LogStatement> statements)
    {
        var requests = new List<LogStatement>();
        var relay = new List<LogStatement>();
        void Emit(List<LogStatement> group)
        {
            (group.Any(s => StatementText.IsRelay(s.Sql)) ? relay : requests).AddRange(group);
            group.Clear();
        }

        foreach (var backend in statements.GroupBy(s => s.BackendPid))
        {
            var pending = new List<LogStatement>();
            var inTransaction = false;
            foreach (var statement in backend)
            {
                var sql = statement.Sql.TrimStart();
                pending.Add(statement);
                if (sql.StartsWith("DISCARD", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (sql.StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase))
                {
                    inTransaction = true;
                    continue;
                }

                var ends = statement.IsExecution
                    && (sql.StartsWith("COMMIT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("ROLLBACK", StringComparison.OrdinalIgnoreCase));
                if (!inTransaction ? statement.IsExecution : ends)
                {
                    inTransaction = false;
                    Emit(pending);
                }
            }

            Emit(pending);
        }

        return (requests, relay);
    }
}
