namespace Intake.Chaos.Verify;

/// <summary>No outbox row is left unsent, and every job's command was sent at least once.</summary>
public static class OutboxChecks
{
    public static CheckResult Run(DbSnapshot db)
    {
        var violations = new Violations("no outbox row left unsent", CheckKind.Stuck);
        if (db.UnsentOutbox > 0)
        {
            violations.Add($"{db.UnsentOutbox} unsent outbox rows");
        }

        foreach (var job in db.Jobs.Where(j => db.Outbox.GetValueOrDefault(j.Id)?.Sent is null or 0))
        {
            violations.Add($"{job.Type} {job.Id}: its command was never sent");
        }

        var resends = db.Outbox.Values.Sum(o => o.Rows - 1);
        return violations.Result($"{db.OutboxRows} outbox rows, {resends} of them re-sends (recovered leases)");
    }
}
