using System.Text.Json;
using Intake.Persistence;

namespace Intake.Workers.Datasets;

/// <summary>
/// Turns chunks into JSONL training examples.
/// completion: the chunk split at the sentence boundary nearest its middle,
///   {"prompt": first part, "completion": " " + the rest}.
/// qa: {"question": from a definition, the heading or the opening (<see cref="QuestionWriter"/>), "answer": the passage}.
/// chat: the same question and answer as system/user/assistant messages, the format fine-tuning services accept.
/// Chunks too short to make a useful example are skipped.
/// </summary>
public static class ExampleGenerator
{
    public static IEnumerable<string> Generate(string format, IEnumerable<SourceChunk> chunks) => format switch
    {
        "completion" => chunks.Select(Completion).OfType<string>(),
        "qa" => chunks.Select(QuestionAnswer).OfType<string>(),
        "chat" => chunks.Select(Chat).OfType<string>(),
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

    private static string? QuestionAnswer(SourceChunk chunk) =>
        IsTooShortToAnswer(chunk)
            ? null
            : JsonSerializer.Serialize(new QuestionAnswerExample(QuestionWriter.For(chunk), chunk.Content), IntakeJson.Options);

    private static string? Chat(SourceChunk chunk) =>
        IsTooShortToAnswer(chunk)
            ? null
            : JsonSerializer.Serialize(
                new ChatExample(
                [
                    new ChatMessage("system", $"You answer questions about the document \"{chunk.DocumentName}\" from its text."),
                    new ChatMessage("user", QuestionWriter.For(chunk)),
                    new ChatMessage("assistant", chunk.Content),
                ]),
                IntakeJson.Options);

    private static bool IsTooShortToAnswer(SourceChunk chunk) =>
        chunk.Content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length < 4;

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

    private sealed record ChatExample(IReadOnlyList<ChatMessage> Messages);

    private sealed record ChatMessage(string Role, string Content);
}
