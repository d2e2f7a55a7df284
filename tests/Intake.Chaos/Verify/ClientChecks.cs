using Intake.Chaos.Load;

namespace Intake.Chaos.Verify;

/// <summary>What the clients saw go wrong while the load ran (wrong answers, disagreeing replays, unrejected key reuse, requests never answered).</summary>
public static class ClientChecks
{
    public static CheckResult Run(Ledger ledger)
    {
        var violations = new Violations("clients got consistent, definitive answers (same key → same job, reuse → 422)", CheckKind.Other);
        foreach (var (check, detail) in ledger.Violations)
        {
            violations.Add($"{check}: {detail}");
        }

        return violations.Result($"{ledger.Tally["replays"]} replays, {ledger.Tally["reuse.rejected"]} key reuses rejected with 422");
    }
}
