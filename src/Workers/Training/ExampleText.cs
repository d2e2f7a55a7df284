using System.Text;
using System.Text.Json;

namespace Intake.Workers.Training;

/// <summary>
/// The text a language model learns from one dataset example (a JSONL line): completion
/// examples read as prompt + completion, question/answer as "Q: … A: …", chat as its turns.
/// </summary>
public static class ExampleText
{
    public static string FromJsonLine(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.TryGetProperty("prompt", out var prompt) && root.TryGetProperty("completion", out var completion))
        {
            return prompt.GetString() + completion.GetString();
        }

        if (root.TryGetProperty("question", out var question) && root.TryGetProperty("answer", out var answer))
        {
            return $"Q: {question.GetString()}\nA: {answer.GetString()}";
        }

        if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            var text = new StringBuilder();
            foreach (var message in messages.EnumerateArray())
            {
                text.Append(message.GetProperty("content").GetString()).Append('\n');
            }

            return text.ToString().TrimEnd('\n');
        }

        throw new FormatException("A dataset example has none of the known formats (completion, qa, chat).");
    }
}
