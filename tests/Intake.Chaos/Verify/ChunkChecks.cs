namespace Intake.Chaos.Verify;

/// <summary>
/// Each processed document has exactly one chunk set: all its chunks carry one job id (the job
/// recorded on the document, a succeeded process-document job for that document), ordinals
/// 0..n-1 without gaps, n = the document's chunk count = that job's result.
/// </summary>
public static class ChunkChecks
{
    public static CheckResult Run(DbSnapshot db)
    {
        var violations = new Violations("each document's chunks: one set, one job, ordinals 0..n-1", CheckKind.Duplicate);
        var jobs = db.Jobs.ToDictionary(j => j.Id);
        foreach (var document in db.Documents)
        {
            if (document.ProcessedByJobId is not { } jobId)
            {
                if (document.Chunks > 0)
                {
                    violations.Add($"document {document.Id}: {document.Chunks} chunks but not processed");
                }

                continue;
            }

            var problems = new List<string>();
            if (document.ChunkJobIds != 1 || document.ChunksOfOtherJobs != 0)
            {
                problems.Add($"chunks from {document.ChunkJobIds} jobs ({document.ChunksOfOtherJobs} not from {jobId})");
            }

            if (document.Chunks == 0 || document.MinOrdinal != 0 || document.MaxOrdinal != document.Chunks - 1)
            {
                problems.Add($"{document.Chunks} chunks with ordinals {document.MinOrdinal}..{document.MaxOrdinal}");
            }

            if (document.ChunkCount != document.Chunks)
            {
                problems.Add($"chunk_count {document.ChunkCount} but {document.Chunks} chunks");
            }

            if (!jobs.TryGetValue(jobId, out var job) || !job.Succeeded || job.Type != "process-document"
                || job.ResultId("documentId") != document.Id || job.ResultInt("chunkCount") != document.ChunkCount)
            {
                problems.Add($"processed by {jobId}, which is {(job is null ? "missing" : $"{job.Type} {job.Status} with result {job.Result}")}");
            }

            if (problems.Count > 0)
            {
                violations.Add($"document {document.Id}: {string.Join("; ", problems)}");
            }
        }

        var processed = db.Documents.Where(d => d.ProcessedByJobId is not null).Select(d => d.Id).ToHashSet();
        foreach (var job in db.Jobs.Where(j => j.Succeeded && j.Type == "process-document"))
        {
            if (job.ResultId("documentId") is not { } documentId || !processed.Contains(documentId))
            {
                violations.Add($"job {job.Id} succeeded but its document has no chunks");
            }
        }

        return violations.Result($"{processed.Count} documents processed, {db.Documents.Sum(d => d.Chunks)} chunks");
    }
}
