using Intake.Contracts;
using Intake.Persistence;
using Intake.Persistence.Entities;
using Intake.Persistence.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Intake.Workers.Documents;

/// <summary>
/// Replaces a document's chunks with a fresh split. Runs inside the inbox transaction, so the
/// chunks, the document's counts and the job's success commit together or not at all.
/// </summary>
public sealed class DocumentProcessor(IntakeDbContext db, TimeProvider clock)
{
    public async Task<object> ProcessAsync(ProcessDocument command, CancellationToken cancellationToken)
    {
        var document = await db.Documents
            .SingleOrDefaultAsync(d => d.Id == command.DocumentId && d.UserId == command.UserId, cancellationToken)
            ?? throw new PermanentJobFailureException("document-not-found", $"Document {command.DocumentId} does not exist.");

        var text = System.Text.Encoding.UTF8.GetString(document.Content);
        var chunks = TextChunker.Split(text, command.ChunkSize, command.ChunkOverlap);
        await db.DocumentChunks.Where(c => c.DocumentId == document.Id).ExecuteDeleteAsync(cancellationToken);
        db.DocumentChunks.AddRange(chunks.Select(chunk => new DocumentChunk
        {
            DocumentId = document.Id,
            Ordinal = chunk.Ordinal,
            JobId = command.JobId,
            Content = chunk.Content,
            StartOffset = chunk.StartOffset,
            CharacterCount = chunk.Content.Length,
            WordCount = TextStatistics.CountWords(chunk.Content),
        }));

        document.ChunkCount = chunks.Count;
        document.CharacterCount = text.Length;
        document.WordCount = TextStatistics.CountWords(text);
        document.ProcessedByJobId = command.JobId;
        document.ProcessedAt = clock.GetUtcNowForDatabase();

        return new ProcessDocumentResult(document.Id, chunks.Count, document.CharacterCount.Value, document.WordCount.Value);
    }
}
