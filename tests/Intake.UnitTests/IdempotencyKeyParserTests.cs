using System.Text.RegularExpressions;
using Intake.Api.Idempotency;
using Microsoft.Extensions.Primitives;

namespace Intake.UnitTests;

public sealed class IdempotencyKeyParserTests
{
    private static readonly Regex ValidKey = new("^[A-Za-z0-9_-]{3,256}\\z", RegexOptions.CultureInvariant);

    private static IdempotencyKeyParseResult ParsePrimary(string value) =>
        IdempotencyKeyParser.Parse(new StringValues(value), StringValues.Empty);

    private static IdempotencyKeyParseResult ParseLegacy(string value) =>
        IdempotencyKeyParser.Parse(StringValues.Empty, new StringValues(value));

    private static void AssertKey(string expected, IdempotencyKeyParseResult result)
    {
        Assert.Null(result.Error);
        Assert.Equal(expected, result.Key);
    }

    private static void AssertError(IdempotencyKeyParseResult result)
    {
        Assert.Null(result.Key);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public void HeaderNames_AreIdempotencyKeyAndXIdempotencyKey()
    {
        Assert.Equal("Idempotency-Key", IdempotencyKeyParser.HeaderName);
        Assert.Equal("X-Idempotency-Key", IdempotencyKeyParser.LegacyHeaderName);
    }

    [Fact]
    public void Parse_NeitherHeaderPresent_GivesNoKeyAndNoError()
    {
        var result = IdempotencyKeyParser.Parse(StringValues.Empty, default);

        Assert.Null(result.Key);
        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("order-2024_11_27")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e")]
    [InlineData("___")]
    [InlineData("---")]
    public void Parse_BareTokenInEitherHeader_IsTheKey(string key)
    {
        AssertKey(key, ParsePrimary(key));
        AssertKey(key, ParseLegacy(key));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    [InlineData(255, true)]
    [InlineData(256, true)]
    [InlineData(257, false)]
    [InlineData(1000, false)]
    public void Parse_LengthBoundaries_AcceptOnly3To256Characters(int length, bool accepted)
    {
        var key = TestText.Key(new Random(length), length);

        foreach (var value in new[] { key, $"\"{key}\"", $" \t{key}\t ", $"\t \"{key}\" " })
        {
            var result = ParsePrimary(value);
            if (accepted)
            {
                AssertKey(key, result);
            }
            else
            {
                AssertError(result);
            }
        }

        Assert.Equal(accepted, IdempotencyKeyParser.IsValidKey(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" \t ")]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData(" ab ")]
    public void Parse_EmptyOrTooShort_IsAnError(string value) => AssertError(ParsePrimary(value));

    [Theory]
    [InlineData("clé-123")]
    [InlineData("ключ-123")]
    [InlineData("key😀")]
    [InlineData("😀😀")]
    [InlineData("ǅab")]
    [InlineData("１２３")]
    [InlineData("١٢٣")]
    [InlineData("abc\u0301")]
    [InlineData("Ａbc")]
    public void Parse_NonAsciiLettersOrDigits_AreRejected(string value)
    {
        AssertError(ParsePrimary(value));
        AssertError(ParsePrimary($"\"{value}\""));
        Assert.False(IdempotencyKeyParser.IsValidKey(value));
    }

    [Theory]
    [InlineData("ab\0c")]
    [InlineData("\u0001abc")]
    [InlineData("abc\u001f")]
    [InlineData("ab\u007fc")]
    [InlineData("ab\nc")]
    [InlineData("ab\rc")]
    [InlineData("abc\n")]
    [InlineData("ab\u0085c")]
    public void Parse_ControlCharacters_AreRejected(string value)
    {
        AssertError(ParsePrimary(value));
        Assert.False(IdempotencyKeyParser.IsValidKey(value));
    }

    [Theory]
    [InlineData("ab c")]
    [InlineData("ab\tc")]
    [InlineData("\"ab c\"")]
    [InlineData("\" abc\"")]
    [InlineData("\"abc \"")]
    [InlineData("\u00A0abc")]
    [InlineData("abc\u2003")]
    public void Parse_WhitespaceInsideTheKey_IsRejected(string value) => AssertError(ParsePrimary(value));

    [Theory]
    [InlineData("abc,def")]
    [InlineData("abc, abc")]
    [InlineData("abc,")]
    [InlineData("\"abc\", \"abc\"")]
    [InlineData("abc;def")]
    [InlineData("abc.def")]
    [InlineData("abc/def")]
    [InlineData("abc+def")]
    [InlineData("abc=")]
    [InlineData("a:bc")]
    public void Parse_SeparatorsAndPunctuation_AreRejected(string value) => AssertError(ParsePrimary(value));

    [Theory]
    [InlineData("\"abc")]
    [InlineData("abc\"")]
    [InlineData("\"")]
    [InlineData("\"\"")]
    [InlineData("\"ab\"")]
    [InlineData("\"ab\\\"c\"")]
    [InlineData("\"a\\\\bc\"")]
    [InlineData("\"\"abc\"\"")]
    [InlineData("\"abc\"def\"")]
    [InlineData("'abc'")]
    public void Parse_MalformedOrDisallowedQuotedStrings_AreRejected(string value) => AssertError(ParsePrimary(value));

    [Theory]
    [InlineData("abc")]
    [InlineData("Key_With-Mixed_123")]
    public void Parse_QuotedValidKey_EqualsTheBareKey(string key)
    {
        var bare = ParsePrimary(key);
        var quoted = ParsePrimary($"\"{key}\"");
        var paddedQuoted = ParseLegacy($"  \t\"{key}\" \t");

        AssertKey(key, bare);
        Assert.Equal(bare, quoted);
        Assert.Equal(bare, paddedQuoted);
    }

    [Fact]
    public void Parse_BothHeadersWithTheSameKey_GiveThatKey()
    {
        AssertKey("same-key", IdempotencyKeyParser.Parse(new StringValues("same-key"), new StringValues("same-key")));
        AssertKey("same-key", IdempotencyKeyParser.Parse(new StringValues("\"same-key\""), new StringValues(" same-key ")));
    }

    [Theory]
    [InlineData("key-one", "key-two")]
    [InlineData("abc", "ABC")]
    [InlineData("abc", "abcd")]
    public void Parse_BothHeadersWithDifferentKeys_IsAnError(string primary, string legacy)
    {
        AssertError(IdempotencyKeyParser.Parse(new StringValues(primary), new StringValues(legacy)));
        AssertError(IdempotencyKeyParser.Parse(new StringValues(legacy), new StringValues(primary)));
    }

    [Theory]
    [InlineData("valid-key", "a b")]
    [InlineData("a b", "valid-key")]
    [InlineData("valid-key", "")]
    [InlineData("", "valid-key")]
    public void Parse_OneValidAndOneInvalidHeader_IsAnError(string primary, string legacy) =>
        AssertError(IdempotencyKeyParser.Parse(new StringValues(primary), new StringValues(legacy)));

    [Fact]
    public void Parse_HeaderSentTwice_IsAnError()
    {
        var twice = new StringValues(["abc-123", "abc-123"]);
        var twiceDifferent = new StringValues(["abc-123", "def-456"]);

        AssertError(IdempotencyKeyParser.Parse(twice, StringValues.Empty));
        AssertError(IdempotencyKeyParser.Parse(StringValues.Empty, twice));
        AssertError(IdempotencyKeyParser.Parse(twiceDifferent, StringValues.Empty));
        AssertError(IdempotencyKeyParser.Parse(new StringValues("abc-123"), twice));
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("A-_9", true)]
    [InlineData("ab", false)]
    [InlineData("", false)]
    [InlineData(" abc", false)]
    [InlineData("abc ", false)]
    [InlineData("\"abc\"", false)]
    [InlineData("ab c", false)]
    [InlineData("abé", false)]
    [InlineData("abc,", false)]
    public void IsValidKey_AppliesTheKeyRulesWithoutTrimmingOrQuoting(string key, bool valid) =>
        Assert.Equal(valid, IdempotencyKeyParser.IsValidKey(key));

    [Fact]
    public void Parse_RandomValidKeys_RoundTripBareQuotedAndPadded()
    {
        var random = new Random(4242);
        for (var n = 0; n < 2000; n++)
        {
            var key = TestText.Key(random, random.Next(3, 257));
            var value = random.Next(2) == 0 ? key : $"\"{key}\"";
            value = Padding(random) + value + Padding(random);
            var useLegacy = random.Next(2) == 0;

            var result = useLegacy ? ParseLegacy(value) : ParsePrimary(value);

            AssertKey(key, result);
            Assert.True(IdempotencyKeyParser.IsValidKey(key), key);
        }
    }

    [Fact]
    public void Parse_RandomKeysWithOneForeignCharacter_AreRejected()
    {
        char[] foreign =
        [
            ' ', '\t', ',', ';', '"', '\\', '.', '/', ':', '=', '+', '*', '@', '~', '!', '?', '\0', '\u0007', '\n',
            '\u007f', '\u00A0', 'é', 'ß', 'Ж', 'ж', 'Ω', '字', '٣', '５', '\uD83D', '\uDE00', '\u200B', '\uFEFF',
        ];
        var random = new Random(777);
        for (var n = 0; n < 2000; n++)
        {
            var key = TestText.Key(random, random.Next(3, 256));
            var position = random.Next(1, key.Length);
            var bad = key.Insert(position, foreign[random.Next(foreign.Length)].ToString());
            var value = random.Next(2) == 0 ? bad : $"\"{bad}\"";

            AssertError(ParsePrimary(value));
            Assert.False(IdempotencyKeyParser.IsValidKey(bad), bad);
        }
    }

    [Fact]
    public void Parse_RandomHeaderValues_AgreeWithTheSpecifiedGrammar()
    {
        const string alphabet = "aZ09-_ \t\",\\é;";
        var random = new Random(31337);
        for (var n = 0; n < 20_000; n++)
        {
            var length = random.Next(0, 10);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var value = new string(chars);
            var expectedKey = ExpectedKey(value);

            var result = ParsePrimary(value);

            Assert.True(expectedKey == result.Key, $"value [{value}]: expected key [{expectedKey}], got [{result.Key}] / {result.Error}");
            Assert.Equal(expectedKey is null, result.Error is not null);
        }
    }

    [Fact]
    public void Parse_HeaderValueLongerThanMaxHeaderLength_IsRefusedBeforeTrimming()
    {
        var key = new string('k', IdempotencyKeyParser.MaxLength);
        var padding = IdempotencyKeyParser.MaxHeaderLength - key.Length - 2;
        var atLimit = new string(' ', padding / 2) + '"' + key + '"' + new string(' ', padding - padding / 2);
        Assert.Equal(IdempotencyKeyParser.MaxHeaderLength, atLimit.Length);

        AssertKey(key, ParsePrimary(atLimit));
        var tooLong = ParsePrimary(atLimit + " ");
        AssertError(tooLong);
        Assert.Contains($"longer than {IdempotencyKeyParser.MaxHeaderLength}", tooLong.Error);
        AssertError(ParseLegacy(new string('a', 10_000)));
    }

    /// <summary>The spec as an oracle: trim SP/HTAB, strip one pair of surrounding quotes, then [A-Za-z0-9_-]{3,256}.</summary>
    private static string? ExpectedKey(string value)
    {
        var trimmed = value.Trim(' ', '\t');
        if (trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"')
        {
            trimmed = trimmed[1..^1];
        }

        return ValidKey.IsMatch(trimmed) ? trimmed : null;
    }

    private static string Padding(Random random) =>
        new(Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(2) == 0 ? ' ' : '\t').ToArray());
}
