namespace Intake.Workers.Documents.Tokens;

/// <summary>
/// A unit the chunker does not split: a word with its trailing punctuation, or one piece of a word
/// too long for a chunk. It spans Text[Start..End) of block <see cref="Block"/>.
/// </summary>
/// <param name="Tokens">
/// Its token count as it reads in the block, with the whitespace before it; for a word piece, its
/// exact count alone.
/// </param>
/// <param name="IsWordPiece">A piece of an oversized word: it always forms a chunk of its own.</param>
internal readonly record struct TextAtom(int Block, int Start, int End, int Tokens, AtomBoundary BoundaryAfter, bool IsWordPiece);
