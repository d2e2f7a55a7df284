using System.Text.Json;
using Intake.Persistence;

namespace Intake.Workers.Datasets;

/// <summary>
/// Turns chunks into JSONL training examples.
/// completion: the chunk split at the sentence boundary nearest its middle,
///   {"prompt": first part, "completion": " " + the rest}.
/// qa: {"question": about the passage's opening, "answer": the passage}.
/// Chunks too short to split into two parts are skipped.
/// </summary>
public static class ExampleGenerator
{
    public static IEnumerable<string> Generate(string format, IEnumerable<SourceChunk> chunks) => format switch
    {
        "completion" => chunks.Select(Completion).OfType<string>(),
        "qa" => chunks.Select(QuestionAnswer).OfType<string>(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown dataset format."),
    };

    private static string? Completion(SourceChunk chunk)
    {
        var split = SplitPoint(chunk.Content);
        if (split is null)
        {
            return null;
        }

        var prompt = chunk.Content[..split.Value].Trim();
        var rest = chunk.Content[split.Value..].Trim();
        if (prompt.Length == 0 || rest.Length == 0)
        {
            return null;
        }

        var completion = " " + rest;
        return JsonSerializer.Serialize(new CompletionExample(prompt, completion), IntakeJson.Options);
    }

    private static string? QuestionAnswer(SourceChunk chunk)
    {
        var words = chunk.Content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 4)
        {
            return null;
        }

        var opening = string.Join(' ', words.Take(8));
        var question = $"In \"{chunk.DocumentName}\", what does the passage beginning \"{opening}\" say?";
        return JsonSerializer.Serialize(new QuestionAnswerExample(question, chunk.Content), IntakeJson.Options);
    }

    /// <summary>The sentence end nearest the middle, else the whitespace nearest it; null if none.</summary>
    internal static int? SplitPoint(string text)
    {
        var middle = text.Length / 2;
        int? best = null;
        for (var i = 1; i < text.Length - 1; i++)
        {
            if (text[i - 1] is '.' or '!' or '?' && char.IsWhiteSpace(text[i])
                && (best is null || Math.Abs(i - middle) < Math.Abs(best.Value - middle)))
            {
                best = i;
            }
        }

        if (best is not null)
        {
            return best;
        }

        for (var offset = 0; offset < middle; offset++)
        {
            foreach (var i in (int[])[middle - offset, middle + offset])
            {
                if (i > 0 && i < text.Length - 1 && char.IsWhiteSpace(text[i]))
                {
                    return i;
                }
            }
        }

        return null;
    }

    private sealed record CompletionExample(string Prompt, string Completion);

    private sealed record QuestionAnswerExample(string Question, string Answer);
}
