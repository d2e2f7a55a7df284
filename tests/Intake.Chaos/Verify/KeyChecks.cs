using Intake.Chaos.Load;

namespace Intake.Chaos.Verify;

/// <summary>Every accepted key maps to exactly one job (or document), the one its clients were told; keyless extras are explained by ambiguous attempts.</summary>
public static class KeyChecks
{
    public static IEnumerable<CheckResult> Run(DbSnapshot db, Ledger ledger)
    {
        yield return JobsPerKey(db, ledger);
        yield return DocumentsPerKey(db, ledger);
        yield return KeylessJobs(db, ledger);
    }

    private static CheckResult JobsPerKey(DbSnapshot db, Ledger ledger)
    {
        var violations = new Violations("every accepted key maps to exactly one job", CheckKind.Duplicate);
        var byKey = db.Jobs.Where(j => j.Key is not null).GroupBy(j => (j.UserId, j.Key!)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (key, jobs) in byKey.Where(g => g.Value.Count > 1))
        {
            violations.Add($"{key.UserId}/{key.Item2}: {jobs.Count} jobs ({string.Join(", ", jobs.Select(j => j.Id))})");
        }

        var keyRows = db.Keys.ToDictionary(k => (k.UserId, k.Key));
        var accepted = ledger.Jobs.Where(j => j.Key is not null).ToList();
        foreach (var job in accepted)
        {
            if (!byKey.TryGetValue((job.UserId, job.Key!), out var jobs) || jobs.All(j => j.Id != job.JobId))
            {
                violations.Add($"{job.UserId}/{job.Key}: clients were told job {job.JobId}, the database has {(jobs is null ? "none" : string.Join(", ", jobs.Select(j => j.Id)))}");
            }

            if (!keyRows.TryGetValue((job.UserId, job.Key!), out var row) || row.ResourceId != job.JobId)
            {
                violations.Add($"{job.UserId}/{job.Key}: idempotency key row points at {row?.ResourceId.ToString() ?? "nothing"}, not {job.JobId}");
            }
        }

        // A key whose clients all gave up has a job nobody was told about: that is reported as the
        // clients' violation (no definitive answer), not as a duplicate.
        var known = accepted.Select(j => (j.UserId, j.Key!)).ToHashSet();
        foreach (var key in byKey.Keys.Where(k => !known.Contains(k) && !ledger.Unanswered.ContainsKey(k)))
        {
            violations.Add($"{key.UserId}/{key.Item2}: a job under a key no client sent");
        }

        return violations.Result($"{accepted.Count} keys accepted, {byKey.Count} keyed jobs in the database");
    }

    private static CheckResult DocumentsPerKey(DbSnapshot db, Ledger ledger)
    {
        var violations = new Violations("every uploaded document exists exactly once", CheckKind.Duplicate);
        var documents = db.Documents.ToDictionary(d => d.Id);
        var keyRows = db.Keys.Where(k => k.ResourceType == "document").ToDictionary(k => (k.UserId, k.Key));
        foreach (var document in ledger.Documents)
        {
            if (!documents.ContainsKey(document.DocumentId))
            {
                violations.Add($"{document.UserId}/{document.Key}: document {document.DocumentId} missing");
            }

            if (!keyRows.TryGetValue((document.UserId, document.Key), out var row) || row.ResourceId != document.DocumentId)
            {
                violations.Add($"{document.UserId}/{document.Key}: key row points at {row?.ResourceId.ToString() ?? "nothing"}, not {document.DocumentId}");
            }
        }

        // Every upload is keyed: each document must be the one resource of exactly one key.
        var keyed = keyRows.Values.GroupBy(k => k.ResourceId).ToDictionary(g => g.Key, g => g.Count());
        foreach (var document in db.Documents.Where(d => keyed.GetValueOrDefault(d.Id) != 1))
        {
            violations.Add($"document {document.Id} ({document.UserId}) is the resource of {keyed.GetValueOrDefault(document.Id)} keys");
        }

        foreach (var row in keyRows.Values.Where(k => !documents.ContainsKey(k.ResourceId)))
        {
            violations.Add($"{row.UserId}/{row.Key}: key row points at document {row.ResourceId}, which does not exist");
        }

        var unanswered = ledger.Unanswered.Keys.Count(k => keyRows.ContainsKey(k) && ledger.Documents.All(d => d.Key != k.Key));
        return violations.Result($"{ledger.Documents.Count} uploads accepted, {db.Documents.Count} documents{(unanswered > 0 ? $" ({unanswered} of them uploaded by clients that gave up)" : string.Empty)}");
    }

    private static CheckResult KeylessJobs(DbSnapshot db, Ledger ledger)
    {
        var violations = new Violations("keyless jobs = accepted + at most the ambiguous attempts", CheckKind.Duplicate);
        var accepted = ledger.Jobs.Where(j => j.Key is null).Select(j => j.JobId).ToHashSet();
        var made = 0;
        foreach (var user in db.Jobs.Where(j => j.Key is null).GroupBy(j => j.UserId))
        {
            var unexplained = user.Count(j => !accepted.Contains(j.Id));
            var ambiguous = ledger.AmbiguousKeyless.GetValueOrDefault(user.Key);
            made += unexplained;
            if (unexplained > ambiguous)
            {
                violations.Add($"{user.Key}: {unexplained} keyless jobs nobody was told about, but only {ambiguous} ambiguous attempts");
            }
        }

        return violations.Result($"{accepted.Count} accepted, {ledger.Tally["keyless.ambiguous"]} ambiguous of which {made} made a job");
    }
}
