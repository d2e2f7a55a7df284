using System.Text;
using Intake.Workers.Documents.Extraction;

namespace Intake.Workers.Documents.Tokens;

/// <summary>
/// A document as a sequence of atoms, with what the chunker asks of a range of them: its text, its
/// estimated size, and where it may or must end.
/// </summary>
internal sealed class AtomSequence(ExtractedDocument document, IReadOnlyList<TextAtom> atoms)
{
    /// <summary>Blocks in a chunk are joined by a blank line, which cl100k_base counts as one token.</summary>
    public const int BlockSeparatorTokens = 1;

    private const string BlockSeparator = "\n\n";

    public int Count => atoms.Count;

    public TextAtom this[int index] => atoms[index];

    public ExtractedBlock BlockOf(int index) => document.Blocks[atoms[index].Block];

    /// <summary>The chunk text of atoms start..end (inclusive): each block's span as written, blocks joined by a blank line.</summary>
    public string Render(int start, int end)
    {
        var text = new StringBuilder();
        var segmentStart = start;
        for (var i = start; i <= end; i++)
        {
            if (i < end && atoms[i + 1].Block == atoms[i].Block)
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(BlockSeparator);
            }

            text.Append(BlockOf(i).Text.AsSpan(atoms[segmentStart].Start, atoms[i].End - atoms[segmentStart].Start));
            segmentStart = i + 1;
        }

        return text.ToString();
    }

    public int Estimate(int start, int end)
    {
        var total = 0;
        for (var i = start; i <= end; i++)
        {
            total += Cost(i, start);
        }

        return total;
    }

    /// <summary>An atom's estimated tokens in a chunk starting at <paramref name="start"/>, with the block separator before it.</summary>
    public int Cost(int index, int start) => atoms[index].Tokens + (index > start ? SeparatorTokensBefore(index) : 0);

    /// <summary>The tokens between an atom and the one before it that its own count leaves out: a block separator.</summary>
    public int SeparatorTokensBefore(int index) =>
        index > 0 && atoms[index].Block != atoms[index - 1].Block ? BlockSeparatorTokens : 0;

    /// <summary>Chunks never span pages, and an oversized word's pieces are chunks of their own.</summary>
    public bool MustEndAfter(int index) =>
        index == atoms.Count - 1
        || atoms[index].IsWordPiece
        || atoms[index + 1].IsWordPiece
        || BlockOf(index).Page != BlockOf(index + 1).Page;

    public bool StartsSentence(int index) =>
        index == 0 || atoms[index - 1].Block != atoms[index].Block || atoms[index - 1].BoundaryAfter >= AtomBoundary.Sentence;

    public bool SameSectionAndPage(int index, int other) =>
        BlockOf(index).Page == BlockOf(other).Page && BlockOf(index).SectionTitle == BlockOf(other).SectionTitle;
}
