using Microsoft.ML.Tokenizers;

namespace Intake.Workers.Documents.Tokens;

/// <summary>
/// Packs atoms into chunks. Sizes are estimated by adding atom counts, then every chunk's final text
/// is counted by the tokenizer and shrunk if the estimate was short, so the limit always holds
/// without re-tokenising growing prefixes.
/// </summary>
internal sealed class ChunkAssembler(AtomSequence atoms, int maxTokens, int overlapTokens, Tokenizer tokenizer)
{
    private readonly List<TokenChunk> chunks = [];

    public IReadOnlyList<TokenChunk> Assemble()
    {
        var next = 0;
        var start = 0;
        while (next < atoms.Count)
        {
            var (chunkStart, end) = AddChunk(start, next);
            next = end + 1;
            start = next < atoms.Count ? OverlapStart(chunkStart, end, next) : next;
        }

        return chunks;
    }

    /// <summary>
    /// Adds the chunk that starts at <paramref name="start"/> (the overlap, if any) and takes at
    /// least the atom <paramref name="firstNew"/>. Returns where it started and its last atom.
    /// </summary>
    private (int Start, int End) AddChunk(int start, int firstNew)
    {
        var budget = maxTokens;
        while (true)
        {
            var end = ChooseEnd(start, budget);
            if (end < firstNew)
            {
                // The overlap left no room for new text: drop it.
                start = firstNew;
                budget = maxTokens;
                continue;
            }

            var text = atoms.Render(start, end);
            var tokens = CountTokens(start, end, text);
            if (tokens <= maxTokens)
            {
                Add(start, text, tokens);
                return (start, end);
            }

            if (end == start)
            {
                AddOversizedAtom(start);
                return (start, end);
            }

            // The estimate was short by (tokens - maxTokens): try again with a budget that much smaller.
            budget = atoms.Estimate(start, end) - Math.Max(1, tokens - maxTokens);
        }
    }

    /// <summary>
    /// The last atom of a chunk starting at <paramref name="start"/> within <paramref name="budget"/>
    /// estimated tokens: the last paragraph end past half the budget, else the last sentence end past
    /// half, else the last word that fits. A page change or an oversized word's piece ends it early.
    /// </summary>
    private int ChooseEnd(int start, int budget)
    {
        var used = 0;
        var lastFitting = start;
        var paragraphEnd = -1;
        var sentenceEnd = -1;
        for (var i = start; i < atoms.Count; i++)
        {
            var cost = atoms.Cost(i, start);
            if (i > start && used + cost > budget)
            {
                break;
            }

            used += cost;
            lastFitting = i;
            if (atoms.MustEndAfter(i))
            {
                return i;
            }

            if (used >= budget / 2)
            {
                if (atoms[i].BoundaryAfter == AtomBoundary.Paragraph)
                {
                    paragraphEnd = i;
                }
                else if (atoms[i].BoundaryAfter == AtomBoundary.Sentence)
                {
                    sentenceEnd = i;
                }
            }
        }

        return paragraphEnd >= 0 ? paragraphEnd : sentenceEnd >= 0 ? sentenceEnd : lastFitting;
    }

    /// <summary>
    /// Where the chunk after the one ending at <paramref name="end"/> starts: whole trailing sentences
    /// of it worth at most overlapTokens, else trailing words, else no overlap. The overlap stays in
    /// the section and page of the new text, so a chunk's title and page describe all of it.
    /// </summary>
    private int OverlapStart(int chunkStart, int end, int next)
    {
        if (overlapTokens == 0 || atoms.MustEndAfter(end))
        {
            return next;
        }

        // Leave room for at least the next atom, or the overlap would be dropped again.
        var room = Math.Min(overlapTokens, maxTokens - atoms[next].Tokens - AtomSequence.BlockSeparatorTokens);
        var used = 0;
        var wordStart = next;
        var sentenceStart = next;
        for (var i = end; i > chunkStart && !atoms[i].IsWordPiece && atoms.SameSectionAndPage(i, next); i--)
        {
            used += atoms[i].Tokens + (i < end ? atoms.SeparatorTokensBefore(i + 1) : 0);
            if (used > room)
            {
                break;
            }

            wordStart = i;
            if (atoms.StartsSentence(i))
            {
                sentenceStart = i;
            }
        }

        // The estimate is checked against the real count; dropping leading words only shrinks it.
        var start = sentenceStart < next ? sentenceStart : wordStart;
        while (start < next && tokenizer.CountTokens(atoms.Render(start, end)) > overlapTokens)
        {
            start++;
        }

        return start;
    }

    /// <summary>A word piece is a chunk of its own and was already counted alone, exactly; anything else is counted now.</summary>
    private int CountTokens(int start, int end, string text) =>
        start == end && atoms[start].IsWordPiece ? atoms[start].Tokens : tokenizer.CountTokens(text);

    /// <summary>Defensive: a word whose count alone exceeds the limit although the atomizer let it through.</summary>
    private void AddOversizedAtom(int index)
    {
        var atom = atoms[index];
        var text = atoms.BlockOf(index).Text;
        foreach (var (start, end, tokens) in OversizedWordSplitter.Split(text, atom.Start, atom.End, maxTokens, tokenizer))
        {
            Add(index, text[start..end], tokens);
        }
    }

    private void Add(int firstAtom, string text, int tokens)
    {
        var block = atoms.BlockOf(firstAtom);
        chunks.Add(new TokenChunk(chunks.Count, text, tokens, block.SectionTitle, block.Page));
    }
}
