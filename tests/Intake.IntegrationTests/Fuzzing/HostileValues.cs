using System.Text;

namespace Intake.IntegrationTests.Fuzzing;

/// <summary>Hostile Idempotency-Key values, JSON values, whole bodies and content types.</summary>
public static class HostileValues
{
    /// <summary>Key header values; null means "no header".</summary>
    public static readonly string?[] Keys =
    [
        null, "", " ", "\t", "  \t ", "ab", "abc", "\"abc-1\"", " \"abc-2\" ", "\"abc", "abc\"", "\"\"", "\"",
        "'abc-3'", "a b c", "abc;d", "abc,def", "abc\\\"d", "\"ab\\\"c\"", "ключ-1", "clé-1", "😀😀😀", "１２３",
        "ab\u0000c", "ab\u0001c", "ab\u007fc", "ab\u200bc", "\u202eabc", "%41%42%43", "abc%00",
        new string('k', 256), new string('k', 257), "\"" + new string('q', 256) + "\"", new string('k', 10_000),
        "\"" + string.Concat(Enumerable.Repeat("😀", 3000)) + "\"", "*", "?key=1", "../../etc/passwd",
    ];

    /// <summary>JSON values to put in place of a property's value.</summary>
    public static readonly string[] Values =
    [
        "null", "true", "false", "0", "-1", "1.5", "1e400", "-1e400", "99999999999999999999999999999", "-0",
        "2147483648", "-2147483649", "1e-400", "\"\"", "\" \"", "\"x\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"",
        "\"\\udfff\\ud800\"", "\"\\u202e\"", "\"" + new string('x', 300) + "\"", "\"00000000-0000-0000-0000-000000000000\"",
        "\"not-a-guid\"", "\"11111111-1111-1111-1111-111111111111\"", "[\"11111111-1111-1111-1111-111111111111\"]", "[]", "[null]", "[1,2,3]", "{}", "{\"a\":null}", "[\"00000000-0000-0000-0000-000000000000\"]",
        "\"NaN\"", "\"Infinity\"", "[[[[[[]]]]]]", "\"" + string.Concat(Enumerable.Repeat("\\u0041", 200)) + "\"",
    ];

    /// <summary>Whole bodies that are not the shape of any request.</summary>
    public static IEnumerable<(string Description, byte[] Body)> Bodies()
    {
        foreach (var text in new[]
        {
            "", " ", "\n", "null", "true", "0", "\"s\"", "[]", "[{}]", "{", "}", "{\"a\":}", "{}x", "{} {}", "/*c*/{}",
            "{\"a\":1,}", "{'a':1}", "{a:1}", "{\"a\" 1}", "NaN", "Infinity", "-", "{\"a\":01}", "{\"a\":.5}",
            "{\"a\":\"\\x41\"}", "{\"a\":\"\t\"}", "{\"\\ud800\":1}", "{\"\":1}", "\u00a0{}",
        })
        {
            yield return ($"body {Escape(text)}", Encoding.UTF8.GetBytes(text));
        }

        yield return ("array nested 10000 deep", Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)));
        yield return ("object nested 10000 deep", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)));
        yield return ("object nested 33 deep", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 33)) + "1" + new string('}', 33)));
        yield return ("object nested 31 deep", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 31)) + "1" + new string('}', 31)));
        yield return ("unclosed nesting 5000 deep", Encoding.UTF8.GetBytes(new string('[', 5_000)));
        yield return ("invalid UTF-8", [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xff, 0xfe, (byte)'"', (byte)'}']);
        yield return ("overlong UTF-8", [(byte)'{', (byte)'"', 0xc0, 0xaf, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        yield return ("UTF-8 BOM", [0xef, 0xbb, 0xbf, (byte)'{', (byte)'}']);
        yield return ("UTF-16 body", Encoding.Unicode.GetBytes("{\"a\":1}"));
        yield return ("NUL bytes", [(byte)'{', 0, (byte)'}']);
        yield return ("10000 properties", Encoding.UTF8.GetBytes("{" + string.Join(",", Enumerable.Range(0, 10_000).Select(i => $"\"p{i}\":{i}")) + "}"));
        yield return ("200 KiB string", Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', 200 * 1024) + "\"}"));
    }

    public static readonly string?[] ContentTypes =
    [
        null, "", "text/plain", "application/xml", "application/json; charset=utf-16", "application/json; charset=latin1",
        "application/json; charset=\"\"", "application/merge-patch+json", "application/problem+json", "application/jsonx",
        "application/ json", "json", ";;;", "*/*", "application/*", "multipart/form-data", "multipart/mixed; boundary=x",
        "application/x-www-form-urlencoded", "application/json; boundary=", "APPLICATION/JSON", "text/json",
    ];

    public static string Escape(string text)
    {
        var shown = text.Length > 40 ? text[..40] + $"…({text.Length})" : text;
        return string.Concat(shown.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
