namespace Intake.Workers.Documents.Tokens;

/// <summary>A piece of a document sized in cl100k_base tokens.</summary>
/// <param name="Content">Blocks joined by a blank line ("\n\n"); words as in the extracted text.</param>
/// <param name="TokenCount">The tokenizer's count for <paramref name="Content"/> itself, never more than the maximum asked for.</param>
/// <param name="SectionTitle">The section title of the chunk's first block.</param>
/// <param name="Page">The page the chunk is on (PDF; a chunk never spans pages); null otherwise.</param>
public sealed record TokenChunk(int Ordinal, string Content, int TokenCount, string? SectionTitle, int? Page);
