using System.Text;
using Intake.Workers.Documents;

namespace Intake.UnitTests;

public sealed class TextStatisticsTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData(" ", 0)]
    [InlineData("\t\r\n \u00A0\u2003", 0)]
    [InlineData("word", 1)]
    [InlineData("  word  ", 1)]
    [InlineData("two words", 2)]
    [InlineData(" a  b\tc\nd\r\ne ", 5)]
    [InlineData("héllo wörld", 2)]
    [InlineData("привет мир", 2)]
    [InlineData("😀 😀😀 😀", 3)]
    [InlineData("a\u00A0b", 2)]
    [InlineData("a\u2003b\u3000c", 3)]
    [InlineData("don't stop-me now, please.", 4)]
    [InlineData("...", 1)]
    [InlineData("漢字漢字", 1)]
    public void CountWords_CountsMaximalRunsOfNonWhitespace(string text, int expected) =>
        Assert.Equal(expected, TextStatistics.CountWords(text));

    [Fact]
    public void CountWords_RandomTexts_AgreeWithSplittingOnWhitespace()
    {
        string[] pieces = ["a", "Z", "é", "😀", ".", "-", " ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u2003", "\u200B", "\u0085"];
        var random = new Random(99);
        for (var n = 0; n < 2000; n++)
        {
            var text = new StringBuilder();
            var count = random.Next(0, 60);
            for (var i = 0; i < count; i++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            var value = text.ToString();
            Assert.Equal(TestText.Words(value).Length, TextStatistics.CountWords(value));
        }
    }

    [Fact]
    public void CountWords_OfASlice_CountsOnlyThatSlice()
    {
        const string text = "one two three four";

        Assert.Equal(2, TextStatistics.CountWords(text.AsSpan(4, 9)));
        Assert.Equal(1, TextStatistics.CountWords(text.AsSpan(5, 2)));
    }
}
