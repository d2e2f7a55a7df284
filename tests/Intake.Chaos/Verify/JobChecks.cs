using Intake.Chaos.Load;

namespace Intake.Chaos.Verify;

/// <summary>Every job reached a terminal state; every accepted job exists and succeeded.</summary>
public static class JobChecks
{
    public static IEnumerable<CheckResult> Run(DbSnapshot db, Ledger ledger)
    {
        var stuck = new Violations("every job reached a terminal state", CheckKind.Stuck);
        foreach (var job in db.Jobs.Where(j => !j.IsTerminal))
        {
            stuck.Add($"{job.Type} {job.Id} ({job.UserId}/{job.Key ?? "no key"}) is {job.Status} after {job.Attempts} attempts");
        }

        yield return stuck.Result();

        var lost = new Violations("nothing accepted was lost (every 202 job exists and succeeded)", CheckKind.Lost);
        var jobs = db.Jobs.ToDictionary(j => j.Id);
        foreach (var accepted in ledger.Jobs.Where(a => !jobs.ContainsKey(a.JobId)))
        {
            lost.Add($"{accepted.Type} {accepted.JobId} ({accepted.UserId}/{accepted.Key ?? "no key"}) does not exist");
        }

        // Every job the load makes can succeed, so any that did not (accepted or not) lost its work.
        foreach (var job in db.Jobs.Where(j => j.IsTerminal && !j.Succeeded))
        {
            lost.Add($"{job.Type} {job.Id} ({job.UserId}/{job.Key ?? "no key"}) {job.Status} after {job.Attempts} attempts: {job.ErrorCode}");
        }

        yield return lost.Result($"{ledger.Jobs.Count} jobs accepted, {db.Jobs.Count(j => j.Succeeded)} succeeded in the database");
    }
}
