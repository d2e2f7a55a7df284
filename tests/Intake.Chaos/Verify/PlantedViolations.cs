using Intake.Chaos.Load;

namespace Intake.Chaos.Verify;

/// <summary>
/// Checks the checks: plants one violation at a time into a copy of the real snapshot (a second
/// inbox row, a chunk from another job, a gap in the ordinals, a second dataset or training run,
/// a second job under a key, an unexplained keyless job, an unkeyed document, a job left running,
/// a missing job, an unsent outbox row) and requires the matching invariant to catch it. A suite
/// whose checks went blind (a renamed column, a changed result) fails here instead of passing.
/// </summary>
public static class PlantedViolations
{
    public static CheckResult Run(DbSnapshot db, Ledger ledger)
    {
        var violations = new Violations("the checks catch planted violations", CheckKind.Other);
        var planted = 0;
        void Expect(string what, DbSnapshot mutated, string check)
        {
            planted++;
            var result = DbChecks.Run(mutated, ledger).Single(c => c.Name.StartsWith(check, StringComparison.Ordinal));
            if (result.Passed)
            {
                violations.Add($"planted {what}, but \"{result.Name}\" passed");
            }
        }

        if (db.Jobs.FirstOrDefault(j => j.Succeeded && j.Key is not null) is { } job)
        {
            Expect("a second inbox row", db with { InboxRows = With(db.InboxRows, job.Id, 2L) }, "one inbox row");
            Expect("a second job under a key", db with { Jobs = [.. db.Jobs, job with { Id = Guid.NewGuid() }] }, "every accepted key");
            Expect("a job left running", db with { Jobs = db.Jobs.Select(j => j.Id == job.Id ? j with { Status = "running" } : j).ToList() }, "every job reached");
            Expect("a missing job", db with { Jobs = db.Jobs.Where(j => j.Id != job.Id).ToList() }, "nothing accepted");
            var ambiguous = ledger.AmbiguousKeyless.GetValueOrDefault(job.UserId);
            var keyless = Enumerable.Range(0, ambiguous + 1).Select(_ => job with { Id = Guid.NewGuid(), Key = null });
            Expect("more unexplained keyless jobs than ambiguous attempts", db with { Jobs = [.. db.Jobs, .. keyless] }, "keyless jobs");
        }

        if (db.Documents.FirstOrDefault(d => d.ProcessedByJobId is not null && d.Chunks > 1) is { } document)
        {
            Expect("a chunk of another job", db with { Documents = Replace(db.Documents, document, document with { ChunkJobIds = 2, ChunksOfOtherJobs = 1 }) }, "each document's chunks");
            Expect("a gap in the ordinals", db with { Documents = Replace(db.Documents, document, document with { MaxOrdinal = (int)document.Chunks }) }, "each document's chunks");
            Expect("an unkeyed document", db with { Documents = [.. db.Documents, document with { Id = Guid.NewGuid() }] }, "every uploaded document");
        }

        if (db.Datasets.FirstOrDefault() is { } dataset)
        {
            Expect("a second dataset", db with { Datasets = [.. db.Datasets, dataset with { Id = Guid.NewGuid() }] }, "each succeeded dataset job");
        }

        if (db.TrainingRuns.FirstOrDefault() is { } run)
        {
            Expect("a second training run", db with { TrainingRuns = [.. db.TrainingRuns, run with { Id = Guid.NewGuid() }] }, "each succeeded training job");
        }

        Expect("an unsent outbox row", db with { UnsentOutbox = db.UnsentOutbox + 1 }, "no outbox row");
        return violations.Result($"{planted} violations planted");
    }

    private static Dictionary<Guid, long> With(IReadOnlyDictionary<Guid, long> rows, Guid key, long value) =>
        new(rows) { [key] = value };

    private static List<DocumentRow> Replace(IReadOnlyList<DocumentRow> rows, DocumentRow old, DocumentRow replacement) =>
        rows.Select(r => r == old ? replacement : r).ToList();
}
