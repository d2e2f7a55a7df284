using Intake.Workers.Documents.Extraction;

namespace Intake.Workers.Documents.Tokens;

/// <summary>
/// Splits an extracted document into chunks of at most maxTokens cl100k_base tokens.
/// <list type="bullet">
/// <item>A chunk ends at the last paragraph end that leaves it at least half full, else the last
/// sentence end, else the last word that fits. A word longer than a chunk is cut by tokens into
/// pieces that are chunks of their own.</item>
/// <item>Each chunk after the first repeats at most overlapTokens tokens from the end of the one
/// before: whole sentences when they fit, else whole words. There is no overlap across a section
/// or page change, nor into an oversized word's pieces.</item>
/// <item>Chunks never span PDF pages: <see cref="TokenChunk.Page"/> is the one page the text is on.
/// A chunk may span sections and takes the title of its first block.</item>
/// </list>
/// Each word is tokenised once and each chunk's final text once more to verify it, so the cost is
/// linear in the document's length.
/// </summary>
public static class TokenChunker
{
    /// <summary>Enough for any single character (at most 4 tokens) with room to spare.</summary>
    public const int MinimumMaxTokens = 8;

    public static IReadOnlyList<TokenChunk> Split(ExtractedDocument document, int maxTokens, int overlapTokens)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, MinimumMaxTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(overlapTokens);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(overlapTokens, maxTokens / 2);

        var tokenizer = Cl100kTokenizer.Instance;
        var atoms = TextAtomizer.Atomize(document, maxTokens, tokenizer);
        return new ChunkAssembler(new AtomSequence(document, atoms), maxTokens, overlapTokens, tokenizer).Assemble();
    }
}
