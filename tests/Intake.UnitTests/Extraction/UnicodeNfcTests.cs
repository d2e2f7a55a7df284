using Intake.Workers.Documents.Extraction.Normalization;

namespace Intake.UnitTests.Extraction;

/// <summary>
/// string.Normalize does nothing under InvariantGlobalization (which these projects use), so NFC
/// has its own implementation; these are the cases that exercise each of its steps.
/// </summary>
public sealed class UnicodeNfcTests
{
    [Theory]
    [InlineData("plain ASCII", "plain ASCII")]
    [InlineData("Cafe\u0301", "Caf\u00E9")]
    [InlineData("\u00E9 already composed", "\u00E9 already composed")]
    [InlineData("e\u0302\u0323", "\u1EC7")] // marks reordered by combining class, then composed
    [InlineData("e\u0323\u0302", "\u1EC7")]
    [InlineData("\u212B", "\u00C5")] // singleton decomposition (Angstrom sign)
    [InlineData("\u0958", "\u0915\u093C")] // composition exclusion stays decomposed
    [InlineData("\u1100\u1161\u11A8", "\uAC01")] // Hangul jamo compose algorithmically
    [InlineData("\uAC00\u11A8", "\uAC01")]
    [InlineData("a\u0308\u0301", "\u00E4\u0301")] // second mark of the same class is blocked
    [InlineData("\U0001D15E", "\U0001D157\U0001D165")] // supplementary-plane exclusion
    public void Normalises_to_composed_form(string input, string expected) =>
        Assert.Equal(expected, UnicodeNfc.Normalize(input));

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character() =>
        Assert.Equal("x\uFFFD\u00FD", UnicodeNfc.Normalize("x\uD800y\u0301"));

    [Fact]
    public void Is_idempotent_on_its_output()
    {
        var once = UnicodeNfc.Normalize("A\u030A\u0327 \u1112\u1161\u11AB e\u0301\u0301");

        Assert.Equal(once, UnicodeNfc.Normalize(once));
    }
}
