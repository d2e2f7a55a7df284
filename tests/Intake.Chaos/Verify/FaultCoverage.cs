using Intake.Chaos.Faults;

namespace Intake.Chaos.Verify;

/// <summary>The run proves something only if every kind of fault happened (and the suite could inject it).</summary>
public static class FaultCoverage
{
    private static readonly string[] Required =
        ["worker-kill", "worker-kill-mid-job", "rabbitmq-outage", "postgres-restart", "api-crash"];

    public static CheckResult Run(FaultLog log)
    {
        var violations = new Violations("every fault was injected at least once", CheckKind.Other);
        foreach (var kind in Required.Where(k => log.Count(k) == 0))
        {
            violations.Add($"no {kind}");
        }

        foreach (var problem in log.Problems)
        {
            violations.Add(problem);
        }

        return violations.Result(string.Join(", ", Required.Select(k => $"{k} ×{log.Count(k)}")));
    }
}
