using System.Text;

namespace Intake.IntegrationTests.Infrastructure;

public static class TestText
{
    /// <summary>Prose of roughly <paramref name="sentences"/> distinct sentences in paragraphs of five.</summary>
    public static string Prose(int sentences, string topic = "intake")
    {
        var text = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            text.Append($"Sentence {i} about {topic} explains step {i * 7 % 13} of the pipeline in plain words. ");
            if (i % 5 == 4)
            {
                text.Append("\n\n");
            }
        }

        return text.ToString();
    }
}
