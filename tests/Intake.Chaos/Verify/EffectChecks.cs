namespace Intake.Chaos.Verify;

/// <summary>Datasets and training runs: exactly one per succeeded job (the one its result names), none for any other job; one inbox row per succeeded job.</summary>
public static class EffectChecks
{
    public static IEnumerable<CheckResult> Run(DbSnapshot db)
    {
        yield return OnePerJob(
            db, "generate-training-data", "datasetId", db.Datasets.Select(d => new EffectRow(d.Id, d.JobId)).ToList(),
            "each succeeded dataset job made exactly one dataset", db.Datasets.Where(d => d.Examples != d.ExampleCount)
                .Select(d => $"dataset {d.Id}: example_count {d.ExampleCount} but {d.Examples} examples"));
        yield return OnePerJob(
            db, "start-training", "trainingRunId", db.TrainingRuns,
            "each succeeded training job made exactly one training run", []);
        yield return Inbox(db);
    }

    private static CheckResult OnePerJob(
        DbSnapshot db, string type, string resultProperty, IReadOnlyList<EffectRow> effects, string name, IEnumerable<string> extraProblems)
    {
        var violations = new Violations(name, CheckKind.Duplicate);
        var byJob = effects.GroupBy(e => e.JobId).ToDictionary(g => g.Key, g => g.ToList());
        var jobs = db.Jobs.ToDictionary(j => j.Id);
        foreach (var (jobId, rows) in byJob)
        {
            if (rows.Count > 1)
            {
                violations.Add($"job {jobId}: {rows.Count} rows ({string.Join(", ", rows.Select(r => r.Id))})");
            }

            if (!jobs.TryGetValue(jobId, out var job) || !job.Succeeded || job.Type != type)
            {
                violations.Add($"row {rows[0].Id} belongs to job {jobId}, which is {(job is null ? "missing" : $"{job.Type} {job.Status}")}");
            }
        }

        foreach (var job in db.Jobs.Where(j => j.Succeeded && j.Type == type))
        {
            var named = job.ResultId(resultProperty);
            if (!byJob.TryGetValue(job.Id, out var rows) || rows.All(r => r.Id != named))
            {
                violations.Add($"job {job.Id} succeeded with {resultProperty} {named}, which is not among its rows");
            }
        }

        foreach (var problem in extraProblems)
        {
            violations.Add(problem);
        }

        return violations.Result($"{effects.Count} rows for {db.Jobs.Count(j => j.Succeeded && j.Type == type)} succeeded jobs");
    }

    private static CheckResult Inbox(DbSnapshot db)
    {
        var violations = new Violations("one inbox row per succeeded job, none for others", CheckKind.Duplicate);
        foreach (var job in db.Jobs)
        {
            var rows = db.InboxRows.GetValueOrDefault(job.Id);
            if (rows != (job.Succeeded ? 1 : 0))
            {
                violations.Add($"{job.Type} {job.Id} ({job.Status}): {rows} inbox rows");
            }
        }

        var jobIds = db.Jobs.Select(j => j.Id).ToHashSet();
        var orphans = db.InboxRows.Keys.Count(id => !jobIds.Contains(id));
        if (orphans > 0)
        {
            violations.Add($"{orphans} inbox rows for jobs that do not exist");
        }

        return violations.Result($"{db.InboxRows.Values.Sum()} inbox rows");
    }
}
