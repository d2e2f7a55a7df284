namespace Intake.Training;

/// <summary>
/// Texts encoded for next-character prediction. Each text is laid out as ContextLength boundary tokens,
/// its characters, and one boundary token that marks its end. Every position after the padding is a
/// target, and its context is simply the ContextLength tokens before it, padding included, so the
/// first characters of a text are predicted from "start of text" and never from the previous text.
/// </summary>
internal sealed class TokenStream
{
    private readonly int[] tokens;
    private readonly int[] targets;
    private readonly int contextLength;

    private TokenStream(int[] tokens, int[] targets, int contextLength)
    {
        this.tokens = tokens;
        this.targets = targets;
        this.contextLength = contextLength;
    }

    public int TargetCount => targets.Length;

    /// <param name="maxTargets">Stop after this many targets (the first ones, so the subset is deterministic).</param>
    public static TokenStream Build(CharVocabulary vocabulary, IEnumerable<string> texts, int contextLength, int maxTargets = int.MaxValue)
    {
        var tokens = new List<int>();
        var targets = new List<int>();
        var characters = new List<int>();
        foreach (var text in texts)
        {
            if (targets.Count >= maxTargets)
            {
                break;
            }

            characters.Clear();
            vocabulary.Encode(text, characters);
            tokens.AddRange(Enumerable.Repeat(CharVocabulary.Boundary, contextLength));
            foreach (var token in characters.Append(CharVocabulary.Boundary))
            {
                targets.Add(tokens.Count);
                tokens.Add(token);
            }
        }

        var kept = targets.Count > maxTargets ? targets.GetRange(0, maxTargets) : targets;
        return new TokenStream([.. tokens], [.. kept], contextLength);
    }

    /// <summary>Where the <paramref name="index"/>th target sits in the token array.</summary>
    public int TargetPosition(int index) => targets[index];

    public int TokenAt(int position) => tokens[position];

    public void CopyContext(int position, Span<int> context) =>
        tokens.AsSpan(position - contextLength, contextLength).CopyTo(context);
}
