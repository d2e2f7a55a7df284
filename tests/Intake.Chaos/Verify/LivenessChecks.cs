using Intake.Chaos.Faults;

namespace Intake.Chaos.Verify;

/// <summary>Every restarted worker became ready (consuming) again once the broker and the database were back.</summary>
public static class LivenessChecks
{
    public static CheckResult Run(FaultLog log)
    {
        var violations = new Violations("every restarted worker became ready again once the broker and database were back", CheckKind.Other);
        foreach (var stuck in log.Events.Where(e => e.Kind == WorkerRestarter.Stuck))
        {
            violations.Add($"at {stuck.At.TotalSeconds:0.0} s: {stuck.Detail}");
        }

        return violations.Result($"{log.Count("worker-kill")} kills, {log.Count("worker-exit-unexpected")} workers died on their own");
    }
}
