using Intake.Workers.Documents.Extraction;
using Microsoft.ML.Tokenizers;

namespace Intake.Workers.Documents.Tokens;

/// <summary>
/// Splits every block into words and counts each word's tokens once, as it reads in its block
/// (with the whitespace before it), so the chunker can size chunks by adding counts instead of
/// re-tokenising text. Words that cannot fit in a chunk are cut into pieces here.
/// </summary>
internal static class TextAtomizer
{
    public static List<TextAtom> Atomize(ExtractedDocument document, int maxTokens, Tokenizer tokenizer)
    {
        var atoms = new List<TextAtom>();
        for (var block = 0; block < document.Blocks.Count; block++)
        {
            var text = document.Blocks[block].Text;
            var words = Words(text);
            for (var index = 0; index < words.Count; index++)
            {
                var (start, end) = words[index];
                var boundary = index == words.Count - 1 ? AtomBoundary.Paragraph
                    : SentenceEnds.IsSentenceEnd(text.AsSpan(start, end - start)) ? AtomBoundary.Sentence
                    : AtomBoundary.Word;
                var whitespaceStart = index == 0 ? start : words[index - 1].End;
                AddWord(atoms, new TextAtom(block, start, end, 0, boundary, IsWordPiece: false), text, whitespaceStart, maxTokens, tokenizer);
            }
        }

        return atoms;
    }

    private static void AddWord(List<TextAtom> atoms, TextAtom word, string text, int whitespaceStart, int maxTokens, Tokenizer tokenizer)
    {
        var tokens = word.End - word.Start > OversizedWordSplitter.MaxCharactersPerCount
            ? int.MaxValue
            : tokenizer.CountTokens(text.AsSpan(whitespaceStart, word.End - whitespaceStart));
        if (FitsInChunk(text, word.Start, word.End, tokens, maxTokens, tokenizer))
        {
            atoms.Add(word with { Tokens = tokens });
            return;
        }

        var pieces = OversizedWordSplitter.Split(text, word.Start, word.End, maxTokens, tokenizer);
        for (var piece = 0; piece < pieces.Count; piece++)
        {
            var (start, end, pieceTokens) = pieces[piece];
            var boundary = piece == pieces.Count - 1 ? word.BoundaryAfter : AtomBoundary.Word;
            atoms.Add(new TextAtom(word.Block, start, end, pieceTokens, boundary, IsWordPiece: true));
        }
    }

    /// <summary>
    /// A word alone in a chunk is counted without the whitespace before it, which can change its
    /// count; long words are therefore also counted alone before being trusted to fit.
    /// </summary>
    private static bool FitsInChunk(string text, int start, int end, int tokens, int maxTokens, Tokenizer tokenizer) =>
        tokens <= maxTokens
        && (tokens <= maxTokens / 2 || tokenizer.CountTokens(text.AsSpan(start, end - start)) <= maxTokens);

    private static List<(int Start, int End)> Words(string text)
    {
        var words = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isSpace = i == text.Length || char.IsWhiteSpace(text[i]);
            if (isSpace && start >= 0)
            {
                words.Add((start, i));
                start = -1;
            }
            else if (!isSpace && start < 0)
            {
                start = i;
            }
        }

        return words;
    }
}
