using System.Text;
using Intake.Api.Jobs;

namespace Intake.UnitTests;

public sealed class JobCursorTests
{
    private static string Base64Url(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void EncodeThenTryDecode_RoundTripsRandomCursors()
    {
        var random = new Random(5150);
        var maxTicks = DateTimeOffset.MaxValue.UtcTicks;
        for (var n = 0; n < 5000; n++)
        {
            var ticks = random.NextInt64(0, maxTicks + 1);
            var offset = TimeSpan.FromMinutes(random.Next(-14 * 60, (14 * 60) + 1));
            var utc = new DateTimeOffset(ticks, TimeSpan.Zero);
            var createdAt = utc.UtcTicks + offset.Ticks is >= 0 and <= 3155378975999999999 ? utc.ToOffset(offset) : utc;
            var idBytes = new byte[16];
            random.NextBytes(idBytes);
            var id = new Guid(idBytes);
            var cursor = new JobCursor(createdAt, id);

            var encoded = cursor.Encode();

            Assert.All(encoded, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' in {encoded}"));
            Assert.True(JobCursor.TryDecode(encoded, out var decoded), encoded);
            Assert.NotNull(decoded);
            Assert.Equal(createdAt.UtcTicks, decoded.CreatedAt.UtcTicks);
            Assert.Equal(id, decoded.Id);
            Assert.Equal(cursor, decoded);
        }
    }

    [Fact]
    public void EncodeThenTryDecode_RoundTripsTheExtremes()
    {
        foreach (var createdAt in new[] { DateTimeOffset.MinValue, DateTimeOffset.MaxValue, DateTimeOffset.UnixEpoch })
        {
            foreach (var id in new[] { Guid.Empty, Guid.AllBitsSet, Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e") })
            {
                var cursor = new JobCursor(createdAt, id);

                Assert.True(JobCursor.TryDecode(cursor.Encode(), out var decoded));
                Assert.Equal(cursor, decoded);
            }
        }
    }

    [Fact]
    public void Encode_DifferentCursors_GiveDifferentStrings()
    {
        var at = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        var encodings = new[]
        {
            new JobCursor(at, id).Encode(),
            new JobCursor(at.AddTicks(1), id).Encode(),
            new JobCursor(at, Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950f")).Encode(),
        };

        Assert.Equal(encodings.Length, encodings.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("!")]
    [InlineData("a")]
    [InlineData("abcde")]
    [InlineData("not a cursor")]
    [InlineData("====")]
    [InlineData("%%%%%%%%")]
    [InlineData("Zm9v\u00e9YmFy")]
    [InlineData("😀😀😀😀")]
    [InlineData("MTIz")]
    public void TryDecode_NotBase64UrlOrNotACursor_ReturnsFalse(string value)
    {
        Assert.False(JobCursor.TryDecode(value, out var cursor));
        Assert.Null(cursor);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":")]
    [InlineData("123")]
    [InlineData("638000000000000000")]
    [InlineData("638000000000000000:")]
    [InlineData(":0f8fad5bd9cb469fa16570867728950e")]
    [InlineData("638000000000000000:0f8fad5bd9cb469fa16570867728950e:extra")]
    [InlineData("638000000000000000;0f8fad5bd9cb469fa16570867728950e")]
    [InlineData("638000000000000000:not-a-guid")]
    [InlineData("638000000000000000:0f8fad5bd9cb469fa16570867728950")]
    [InlineData("638000000000000000:0f8fad5bd9cb469fa16570867728950e0")]
    [InlineData("638000000000000000:0f8fad5bd9cb469fa16570867728950g")]
    [InlineData("-1:0f8fad5bd9cb469fa16570867728950e")]
    [InlineData("+1:0f8fad5bd9cb469fa16570867728950e")]
    [InlineData(" 1:0f8fad5bd9cb469fa16570867728950e")]
    [InlineData("1.5:0f8fad5bd9cb469fa16570867728950e")]
    [InlineData("abc:0f8fad5bd9cb469fa16570867728950e")]
    [InlineData("3155378976000000000:0f8fad5bd9cb469fa16570867728950e")]
    [InlineData("9223372036854775807:0f8fad5bd9cb469fa16570867728950e")]
    [InlineData("9223372036854775808:0f8fad5bd9cb469fa16570867728950e")]
    [InlineData("99999999999999999999999:0f8fad5bd9cb469fa16570867728950e")]
    public void TryDecode_WellFormedBase64UrlOfTheWrongContent_ReturnsFalse(string content)
    {
        Assert.False(JobCursor.TryDecode(Base64Url(content), out var cursor));
        Assert.Null(cursor);
    }

    [Fact]
    public void TryDecode_LargestAndSmallestTicks_AreAccepted()
    {
        Assert.True(JobCursor.TryDecode(Base64Url($"{DateTimeOffset.MaxValue.UtcTicks}:0f8fad5bd9cb469fa16570867728950e"), out var max));
        Assert.Equal(DateTimeOffset.MaxValue, max!.CreatedAt);
        Assert.True(JobCursor.TryDecode(Base64Url("0:0f8fad5bd9cb469fa16570867728950e"), out var min));
        Assert.Equal(DateTimeOffset.MinValue, min!.CreatedAt);
    }

    [Fact]
    public void TryDecode_RandomGarbageAndTamperedCursors_NeverThrow()
    {
        var random = new Random(8080);
        var valid = new JobCursor(DateTimeOffset.UnixEpoch.AddDays(20_000), Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")).Encode();
        const string alphabet = "ABCXYZabcxyz0189-_+/=:. %😀é\0";
        for (var n = 0; n < 20_000; n++)
        {
            string value;
            switch (n % 3)
            {
                case 0:
                    var chars = new char[random.Next(0, 80)];
                    for (var i = 0; i < chars.Length; i++)
                    {
                        chars[i] = alphabet[random.Next(alphabet.Length)];
                    }

                    value = new string(chars);
                    break;
                case 1:
                    var bytes = new byte[random.Next(0, 80)];
                    random.NextBytes(bytes);
                    value = System.Buffers.Text.Base64Url.EncodeToString(bytes);
                    break;
                default:
                    var tampered = valid.ToCharArray();
                    tampered[random.Next(tampered.Length)] = alphabet[random.Next(alphabet.Length)];
                    value = random.Next(4) == 0 ? new string(tampered)[..random.Next(tampered.Length)] : new string(tampered);
                    break;
            }

            var ok = JobCursor.TryDecode(value, out var cursor);

            Assert.Equal(ok, cursor is not null);
            if (ok)
            {
                Assert.True(JobCursor.TryDecode(cursor!.Encode(), out var again));
                Assert.Equal(cursor, again);
            }
        }
    }
}
