using System.Text;
using System.Text.Json;
using Intake.Api.Idempotency;

namespace Intake.UnitTests;

public sealed class RequestFingerprintTests
{
    private const string Method = "POST";
    private const string Route = "/jobs/process-document";

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static string Fingerprint(string json) => RequestFingerprint.Compute(Method, Route, Json(json));

    private static void AssertLowercaseSha256Hex(string fingerprint)
    {
        Assert.Equal(64, fingerprint.Length);
        Assert.All(fingerprint, c => Assert.True(c is >= '0' and <= '9' or >= 'a' and <= 'f', $"'{c}' in {fingerprint}"));
    }

    [Theory]
    [InlineData("""{"a":1,"b":2}""", """{"b":2,"a":1}""")]
    [InlineData("""{"x":{"p":1,"q":[{"m":1,"n":2}]},"y":null}""", """{"y":null,"x":{"q":[{"n":2,"m":1}],"p":1}}""")]
    [InlineData("""{"B":1,"a":2,"_":3,"é":4}""", """{"é":4,"_":3,"a":2,"B":1}""")]
    public void Compute_IgnoresObjectMemberOrder_AtEveryLevel(string one, string other) =>
        Assert.Equal(Fingerprint(one), Fingerprint(other));

    [Fact]
    public void Compute_IgnoresInsignificantWhitespace()
    {
        const string compact = """{"documentId":"1b4e28ba-2fa1-11d2-883f-0016d3cca427","chunkSize":1000,"tags":["a","b"]}""";
        const string pretty = """
            {
              "documentId" : "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
              	"chunkSize":   1000 ,
              "tags": [ "a" ,
                        "b" ]
            }
            """;

        Assert.Equal(Fingerprint(compact), Fingerprint(pretty));
    }

    [Theory]
    [InlineData("""{"a":"\u0041"}""", """{"a":"A"}""")]
    [InlineData("""{"\u0061":1}""", """{"a":1}""")]
    [InlineData("""{"a":"\/path\/x"}""", """{"a":"/path/x"}""")]
    [InlineData("""{"a":"caf\u00e9"}""", """{"a":"café"}""")]
    [InlineData("""{"a":"caf\u00E9"}""", """{"a":"caf\u00e9"}""")]
    [InlineData("""{"a":"\ud83d\ude00"}""", """{"a":"😀"}""")]
    [InlineData("""{"a":"\u003cb\u003e"}""", """{"a":"<b>"}""")]
    [InlineData("""{"a":"line\nbreak"}""", """{"a":"line\u000abreak"}""")]
    [InlineData("""{"a":"q\"q"}""", """{"a":"q\u0022q"}""")]
    public void Compute_TreatsDifferentEscapesOfTheSameTextAsEqual(string one, string other) =>
        Assert.Equal(Fingerprint(one), Fingerprint(other));

    [Theory]
    [InlineData("""{"a":1}""", """{"a":2}""")]
    [InlineData("""{"a":"x"}""", """{"a":"y"}""")]
    [InlineData("""{"a":"1"}""", """{"a":1}""")]
    [InlineData("""{"a":true}""", """{"a":false}""")]
    [InlineData("""{"a":null}""", """{}""")]
    [InlineData("""{"a":null}""", """{"a":"null"}""")]
    [InlineData("""{"a":1}""", """{"b":1}""")]
    [InlineData("""{"a":"A"}""", """{"a":"a"}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[1,2,2]}""")]
    [InlineData("""{"a":[]}""", """{"a":{}}""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":{"b":1,"c":1}}""")]
    [InlineData("""{"a":"x","b":"y"}""", """{"a":"y","b":"x"}""")]
    [InlineData("""{"ab":"c"}""", """{"a":"bc"}""")]
    public void Compute_DiffersForDifferentDocuments(string one, string other) =>
        Assert.NotEqual(Fingerprint(one), Fingerprint(other));

    [Fact]
    public void Compute_DiffersForDifferentMethodOrRoute()
    {
        var body = Json("""{"documentId":"1b4e28ba-2fa1-11d2-883f-0016d3cca427"}""");

        var fingerprints = new[]
        {
            RequestFingerprint.Compute("POST", "/jobs/process-document", body),
            RequestFingerprint.Compute("PUT", "/jobs/process-document", body),
            RequestFingerprint.Compute("PATCH", "/jobs/process-document", body),
            RequestFingerprint.Compute("POST", "/jobs/generate-training-data", body),
            RequestFingerprint.Compute("POST", "/jobs/process-document/", body),
            RequestFingerprint.Compute("POST", "/documents", body),
        };

        Assert.Equal(fingerprints.Length, fingerprints.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"a":1}""")]
    [InlineData("""{"text":"😀 é \u0000 \"quoted\""}""")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("12.50")]
    [InlineData("null")]
    public void Compute_Is64LowercaseHexCharacters_AndDeterministic(string json)
    {
        var first = Fingerprint(json);

        AssertLowercaseSha256Hex(first);
        Assert.Equal(first, Fingerprint(json));
    }

    [Fact]
    public void Compute_StringWithLoneSurrogateEscape_StillGivesAFingerprint()
    {
        // JsonDocument accepts "\ud800" (the grammar allows any \uXXXX), so a body like this reaches
        // Compute; fingerprinting it must not throw, and must not confuse it with another code unit.
        var lone = Fingerprint("""{"documentId":"\ud800"}""");
        var otherLone = Fingerprint("""{"documentId":"\udfff"}""");

        AssertLowercaseSha256Hex(lone);
        Assert.NotEqual(lone, otherLone);
    }

    [Theory]
    [InlineData("""{"b":[3,{"d":true,"c":null}],"a":"x\u00e9\n"}""")]
    [InlineData("""[ {"z":1.50, "y":-0, "x":1E+3} , "\ud83d\ude00" ]""")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("\"\"")]
    [InlineData("-12.5e-3")]
    public void Canonicalize_ProducesValidJsonThatRoundTripsToAnEqualDocument(string json)
    {
        var original = Json(json);

        var canonical = RequestFingerprint.Canonicalize(original);
        var reparsed = Json(Encoding.UTF8.GetString(canonical));

        Assert.True(JsonElement.DeepEquals(original, reparsed), Encoding.UTF8.GetString(canonical));
        Assert.Equal(canonical, RequestFingerprint.Canonicalize(reparsed));
    }

    [Fact]
    public void Canonicalize_RandomDocumentsInRandomSpellings_AreEqualAndRoundTrip()
    {
        var random = new Random(2026);
        for (var n = 0; n < 1000; n++)
        {
            var model = RandomJson.Generate(random);
            var plain = Json(model.Write());
            var respelled = Json(model.Write(random));
            Assert.True(JsonElement.DeepEquals(plain, respelled), $"test generator produced unequal spellings: {model.Write()}");

            var canonical = RequestFingerprint.Canonicalize(plain);
            Assert.Equal(canonical, RequestFingerprint.Canonicalize(respelled));

            var reparsed = Json(Encoding.UTF8.GetString(canonical));
            Assert.True(JsonElement.DeepEquals(plain, reparsed), $"{model.Write()} -> {Encoding.UTF8.GetString(canonical)}");
            Assert.Equal(canonical, RequestFingerprint.Canonicalize(reparsed));
        }
    }

    [Fact]
    public void Compute_RandomDocuments_SameForEquivalentSpellings_DifferentAfterAnyChange()
    {
        var random = new Random(1127);
        for (var n = 0; n < 1000; n++)
        {
            var model = RandomJson.Generate(random);
            var json = model.Write();
            var fingerprint = Fingerprint(json);
            AssertLowercaseSha256Hex(fingerprint);

            Assert.Equal(fingerprint, Fingerprint(model.Write(random)));

            var changed = model.Clone();
            changed.Mutate(random);
            var changedJson = changed.Write();
            Assert.False(JsonElement.DeepEquals(Json(json), Json(changedJson)), $"test generator did not change {json}");

            Assert.True(fingerprint != Fingerprint(changedJson), $"same fingerprint for {json} and {changedJson}");
            Assert.Equal(Fingerprint(changedJson), Fingerprint(changed.Write(random)));
        }
    }
}
