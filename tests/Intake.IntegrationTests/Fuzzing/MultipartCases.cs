using System.Text;

namespace Intake.IntegrationTests.Fuzzing;

/// <summary>Hand-built multipart/form-data bodies for `POST /v1/documents`, most of them broken.</summary>
public static class MultipartCases
{
    private const string Boundary = "fuzzBoundary7MA4YWxkTrZu0gW";

    public static IEnumerable<(string Description, string ContentType, byte[] Body)> All()
    {
        var type = $"multipart/form-data; boundary={Boundary}";
        yield return ("valid upload", type, Form(File("a.txt", "text/plain", "hello multipart")));
        yield return ("name field with NUL", type, Form(Field("name", "a\0b.txt"), File("a.txt", "text/plain", "x")));
        yield return ("file name with NUL", type, Form(File("a\0b.txt", "text/plain", "x")));
        yield return ("file name with control characters", type, Form(File("a\u0001\u001f.txt", "text/plain", "x")));
        yield return ("file name path traversal", type, Form(File("../../etc/passwd", "text/plain", "x")));
        yield return ("file name of 300 characters", type, Form(File(new string('n', 300), "text/plain", "x")));
        yield return ("empty file name", type, Form(File("", "text/plain", "x")));
        yield return ("name field of whitespace", type, Form(Field("name", "   "), File("", "text/plain", "x")));
        yield return ("unknown content type field", type, Form(Field("contentType", "application/x-evil"), File("a.bin", "application/octet-stream", "x")));
        yield return ("content type field with NUL", type, Form(Field("contentType", "text/plain\0"), File("a.txt", "text/plain", "x")));
        yield return ("content type field of 10000 characters", type, Form(Field("contentType", new string('t', 10_000)), File("a.txt", null, "x")));
        yield return ("no file part", type, Form(Field("name", "a.txt")));
        yield return ("empty file", type, Form(File("a.txt", "text/plain", "")));
        yield return ("two file parts", type, Form(File("a.txt", "text/plain", "one"), File("b.txt", "text/plain", "two")));
        yield return ("file part without file name", type, Form("Content-Disposition: form-data; name=\"file\"\r\n\r\nno filename"));
        yield return ("invalid UTF-8 in file", type, Form(File("a.txt", "text/plain", "\uFFFD")).Concat(new byte[] { 0xff, 0xfe }).ToArray());
        yield return ("truncated: no closing boundary", type, Encoding.UTF8.GetBytes($"--{Boundary}\r\n{File("a.txt", "text/plain", "cut")}"));
        yield return ("boundary mismatch", "multipart/form-data; boundary=other", Form(File("a.txt", "text/plain", "x")));
        yield return ("no boundary parameter", "multipart/form-data", Form(File("a.txt", "text/plain", "x")));
        yield return ("empty boundary", "multipart/form-data; boundary=", Form(File("a.txt", "text/plain", "x")));
        yield return ("boundary of 1000 characters", $"multipart/form-data; boundary={new string('b', 1000)}", Form(File("a.txt", "text/plain", "x")));
        yield return ("part header of 20 KiB", type, Form($"Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nX-Pad: {new string('p', 20 * 1024)}\r\n\r\nx"));
        yield return ("part without headers", type, Form("\r\nbare"));
        yield return ("garbage body", type, Encoding.UTF8.GetBytes("this is not multipart at all"));
        yield return ("empty body", type, []);
        yield return ("urlencoded form", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("name=a.txt&contentType=text%2Fplain&file=abc"));
        yield return ("urlencoded garbage", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("%%%&&&==%zz"));
    }

    private static string File(string fileName, string? contentType, string content) =>
        $"Content-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\n" +
        (contentType is null ? "" : $"Content-Type: {contentType}\r\n") +
        $"\r\n{content}";

    private static string Field(string name, string value) =>
        $"Content-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}";

    private static byte[] Form(params string[] parts) =>
        Encoding.UTF8.GetBytes(string.Concat(parts.Select(p => $"--{Boundary}\r\n{p}\r\n")) + $"--{Boundary}--\r\n");
}
