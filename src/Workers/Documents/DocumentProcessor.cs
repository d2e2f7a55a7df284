using Intake.Contracts;
using Intake.Persistence;
using Intake.Persistence.Entities;
using Intake.Persistence.Inbox;
using Intake.Workers.Documents.Extraction;
using Intake.Workers.Documents.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Intake.Workers.Documents;

/// <summary>
/// Extracts a document's text (plain, Markdown, HTML or PDF), splits it into chunks measured in
/// cl100k_base tokens, and replaces the document's chunks. Runs inside the inbox transaction, so
/// the chunks, the document's counts and the job's success commit together or not at all.
/// </summary>
public sealed class DocumentProcessor(IntakeDbContext db, TimeProvider clock)
{
    public async Task<object> ProcessAsync(ProcessDocument command, CancellationToken cancellationToken)
    {
        var document = await db.Documents
            .SingleOrDefaultAsync(d => d.Id == command.DocumentId && d.UserId == command.UserId, cancellationToken)
            ?? throw new PermanentJobFailureException("document-not-found", $"Document {command.DocumentId} does not exist.");

        ExtractedDocument extracted;
        IReadOnlyList<TokenChunk> chunks;
        try
        {
            extracted = DocumentTextExtractors.For(document.ContentType).Extract(document.Content);
            chunks = TokenChunker.Split(extracted, command.ChunkSize, command.ChunkOverlap);
        }
        catch (DocumentExtractionException exception)
        {
            // Unsupported, corrupt or empty: no retry can change that, so the job fails at once.
            throw new PermanentJobFailureException(exception.Code, exception.Message);
        }

        var text = string.Join("\n\n", extracted.Blocks.Select(b => b.Text));
        await db.DocumentChunks.Where(c => c.DocumentId == document.Id).ExecuteDeleteAsync(cancellationToken);
        var searchFrom = 0;
        db.DocumentChunks.AddRange(chunks.Select(chunk =>
        {
            // Where the chunk's text starts in the extracted text (-1 if normalisation moved it).
            var offset = text.IndexOf(chunk.Content, Math.Min(searchFrom, text.Length), StringComparison.Ordinal);
            searchFrom = offset >= 0 ? offset + 1 : searchFrom;
            return new DocumentChunk
            {
                DocumentId = document.Id,
                Ordinal = chunk.Ordinal,
                JobId = command.JobId,
                Content = chunk.Content,
                StartOffset = offset,
                CharacterCount = chunk.Content.Length,
                WordCount = TextStatistics.CountWords(chunk.Content),
                TokenCount = chunk.TokenCount,
                SectionTitle = chunk.SectionTitle,
                Page = chunk.Page,
            };
        }));

        document.ChunkCount = chunks.Count;
        document.CharacterCount = text.Length;
        document.WordCount = TextStatistics.CountWords(text);
        document.TokenCount = Cl100kTokenizer.CountTokens(text);
        document.PageCount = extracted.PageCount;
        document.ProcessedByJobId = command.JobId;
        document.ProcessedAt = clock.GetUtcNowForDatabase();

        return new ProcessDocumentResult(document.Id, chunks.Count, document.CharacterCount.Value, document.WordCount.Value,
            document.TokenCount.Value, extracted.PageCount);
    }
}
