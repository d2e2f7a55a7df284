using Intake.Workers.Documents.Extraction;
using Intake.Workers.Documents.Tokens;

namespace Intake.UnitTests.Extraction;

/// <summary>The assembler's safety nets, reached here with atoms whose estimates are deliberately wrong.</summary>
public sealed class ChunkAssemblerTests
{
    [Fact]
    public void A_single_word_that_counts_far_more_than_estimated_is_still_cut_to_the_limit()
    {
        var word = string.Concat(Enumerable.Range(0, 400).Select(i => (char)('a' + (i * 7 % 26))));
        var document = ChunkerText.Document([word]);
        TextAtom[] atoms = [new(0, 0, word.Length, Tokens: 1, AtomBoundary.Paragraph, IsWordPiece: false)];

        var chunks = new ChunkAssembler(new AtomSequence(document, atoms), 20, 0, Cl100kTokenizer.Instance).Assemble();

        ChunkAssertions.AssertWithinLimit(chunks, 20);
        Assert.Equal(word, string.Concat(chunks.Select(chunk => chunk.Content)));
    }

    [Fact]
    public void Underestimated_words_shrink_the_chunk_until_it_fits()
    {
        var text = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"word{i}x{i * 31}"));
        var document = ChunkerText.Document([text]);
        var atoms = TextAtomizer.Atomize(document, 30, Cl100kTokenizer.Instance)
            .Select(atom => atom with { Tokens = 1 })
            .ToList();

        var chunks = new ChunkAssembler(new AtomSequence(document, atoms), 30, 10, Cl100kTokenizer.Instance).Assemble();

        ChunkAssertions.AssertWithinLimit(chunks, 30);
        Assert.Equal(ChunkAssertions.Words(text), ChunkAssertions.WordsWithoutOverlap(chunks, overlapping: true));
    }
}
