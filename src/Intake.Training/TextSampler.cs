using System.Text;

namespace Intake.Training;

/// <summary>Generates a continuation one character at a time, feeding each choice back as context.</summary>
internal sealed class TextSampler(CharMlpModel model, double temperature, Random random)
{
    private readonly ExampleWorkspace workspace = new(model.Shape);

    public string Continue(string prompt, int maxTokens)
    {
        // The context a text starts with (all boundary tokens), then the prompt's characters.
        var history = new List<int>(Enumerable.Repeat(CharVocabulary.Boundary, model.ContextLength));
        model.Vocabulary.Encode(prompt, history);

        var text = new StringBuilder();
        for (var generated = 0; generated < maxTokens; generated++)
        {
            history.CopyTo(history.Count - model.ContextLength, workspace.Context, 0, model.ContextLength);
            MlpForward.Run(model.Shape, model.Parameters, workspace);
            var token = Choose(workspace.Output);
            if (token == CharVocabulary.Boundary)
            {
                break;
            }

            text.Append(model.Vocabulary.RuneOf(token).ToString());
            history.Add(token);
        }

        return text.ToString();
    }

    private int Choose(float[] logits)
    {
        // "Unknown" stands for many characters and none in particular: there is nothing to print for it.
        logits[CharVocabulary.Unknown] = float.NegativeInfinity;
        if (temperature == 0)
        {
            return Array.IndexOf(logits, logits.Max());
        }

        var max = logits.Max();
        var weights = logits.Select(logit => Math.Exp((logit - max) / temperature)).ToArray();
        var threshold = random.NextDouble() * weights.Sum();
        for (var token = 0; token < weights.Length; token++)
        {
            threshold -= weights[token];
            if (threshold < 0)
            {
                return token;
            }
        }

        // Rounding left a sliver past the last weight: take the most likely token.
        return Array.IndexOf(logits, max);
    }
}
