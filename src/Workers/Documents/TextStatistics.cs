namespace Intake.Workers.Documents;

public static class TextStatistics
{
    /// <summary>Words are maximal runs of non-whitespace characters.</summary>
    public static int CountWords(ReadOnlySpan<char> text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                words++;
            }
        }

        return words;
    }
}
