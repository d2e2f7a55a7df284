using Intake.Chaos.Load;

namespace Intake.Chaos.Verify;

/// <summary>Every invariant checked on the database snapshot (against what the clients were told).</summary>
public static class DbChecks
{
    public static List<CheckResult> Run(DbSnapshot db, Ledger ledger)
    {
        var checks = new List<CheckResult>();
        checks.AddRange(KeyChecks.Run(db, ledger));
        checks.AddRange(JobChecks.Run(db, ledger));
        checks.Add(ChunkChecks.Run(db));
        checks.AddRange(EffectChecks.Run(db));
        checks.Add(OutboxChecks.Run(db));
        return checks;
    }
}
