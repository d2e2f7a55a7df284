using System.Text;

namespace Intake.IntegrationTests.Fuzzing;

/// <summary>
/// A deterministic corpus of hostile requests (fixed seed): every hostile key, whole body and
/// content type once, property-level replacements, drops and duplicates, random mutations of valid
/// bodies, and broken multipart uploads.
/// </summary>
public static class FuzzCorpus
{
    private const string KeyHeader = "Idempotency-Key";
    private const string LegacyKeyHeader = "X-Idempotency-Key";

    public static IReadOnlyList<FuzzCase> Generate(FuzzTargets targets, int seed)
    {
        var random = new Random(seed);
        var cases = new List<FuzzCase>();
        var routes = FuzzTargets.JsonRoutes;

        void Add(string route, string? contentType, byte[] body, string description, IReadOnlyList<KeyValuePair<string, string[]>>? headers = null) =>
            cases.Add(new FuzzCase(cases.Count, route, contentType, body, headers ?? RandomKey(random, cases.Count), description));

        byte[] Valid(string route) => Encoding.UTF8.GetBytes(FuzzTargets.Render(targets.ValidBody(route)));
        string RandomRoute() => routes[random.Next(routes.Count)];

        // Every hostile key on a valid body.
        foreach (var key in HostileValues.Keys)
        {
            var route = RandomRoute();
            Add(route, "application/json", Valid(route), $"key {Show(key)}", key is null ? [] : [Header(KeyHeader, key)]);
        }

        Add(ProcessRoute, "application/json", Valid(ProcessRoute), "key header twice", [Header(KeyHeader, "twice-1", "twice-2")]);
        Add(ProcessRoute, "application/json", Valid(ProcessRoute), "both key headers, different", [Header(KeyHeader, "both-1"), Header(LegacyKeyHeader, "both-2")]);
        Add(ProcessRoute, "application/json", Valid(ProcessRoute), "legacy key header only, hostile", [Header(LegacyKeyHeader, "ab\u0000c")]);
        Add(FuzzTargets.Documents, "application/json", Valid(FuzzTargets.Documents), "key used first", [Header(KeyHeader, "reused-1")]);
        Add(FuzzTargets.Documents, "application/json", Valid(FuzzTargets.Documents), "key replayed", [Header(KeyHeader, "\"reused-1\"")]);
        Add(ProcessRoute, "application/json", Valid(ProcessRoute), "key reused on another route", [Header(KeyHeader, "reused-1")]);

        // Every hostile whole body, and every content type.
        foreach (var (description, body) in HostileValues.Bodies())
        {
            Add(RandomRoute(), "application/json", body, description);
        }

        foreach (var contentType in HostileValues.ContentTypes)
        {
            var route = RandomRoute();
            Add(route, contentType, Valid(route), $"content type {Show(contentType)}");
        }

        // Property level: a hostile value in place of each property, the property dropped or repeated.
        foreach (var route in routes)
        {
            var valid = targets.ValidBody(route);
            for (var i = 0; i < valid.Count; i++)
            {
                var name = valid[i].Name;
                Add(route, "application/json", Encoding.UTF8.GetBytes(FuzzTargets.Render(valid.Where((_, j) => j != i))), $"without {name}");
                Add(route, "application/json", Encoding.UTF8.GetBytes(FuzzTargets.Render(valid.Append((name, "null")))), $"{name} twice, then null");
                Add(route, "application/json", Encoding.UTF8.GetBytes(FuzzTargets.Render(valid.Prepend((name, "123")))), $"{name} twice, first a number");
                foreach (var value in HostileValues.Values.OrderBy(_ => random.Next()).Take(8))
                {
                    var replaced = valid.Select((p, j) => j == i ? (p.Name, value) : p);
                    Add(route, "application/json", Encoding.UTF8.GetBytes(FuzzTargets.Render(replaced)), $"{name} = {HostileValues.Escape(value)}");
                }
            }

            Add(route, "application/json", Encoding.UTF8.GetBytes(FuzzTargets.Render(valid.Append(("unexpected", "{\"deep\":[1,{\"x\":null}]}")))), "unknown property");
            Add(route, "application/json", Encoding.UTF8.GetBytes(FuzzTargets.Render(valid.Select(p => (p.Name.ToUpperInvariant(), p.Json)))), "property names upper-cased");
        }

        // Random byte-level mutations of valid bodies.
        for (var i = 0; i < 60; i++)
        {
            var route = RandomRoute();
            Add(route, "application/json", Mutate(random, Valid(route)), "mutated valid body");
        }

        foreach (var (description, contentType, body) in MultipartCases.All())
        {
            Add(FuzzTargets.Documents, contentType, body, $"multipart: {description}");
        }

        return cases;
    }

    private const string ProcessRoute = FuzzTargets.ProcessDocument;

    private static IReadOnlyList<KeyValuePair<string, string[]>> RandomKey(Random random, int index) => random.Next(10) switch
    {
        < 3 => [],
        < 8 => [Header(KeyHeader, $"fuzz-{index}")],
        _ => [Header(KeyHeader, HostileValues.Keys[random.Next(1, HostileValues.Keys.Length)]!)],
    };

    private static KeyValuePair<string, string[]> Header(string name, params string[] values) => new(name, values);

    private static byte[] Mutate(Random random, byte[] valid)
    {
        byte[] interesting = [(byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)'"', (byte)'\\', (byte)':', (byte)',', (byte)'0', (byte)'-', (byte)'e', 0, 0x7f, 0x80, 0xff, (byte)' '];
        var bytes = valid.ToList();
        for (var edits = random.Next(1, 5); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            var b = random.Next(2) == 0 ? interesting[random.Next(interesting.Length)] : (byte)random.Next(256);
            switch (random.Next(3))
            {
                case 0: bytes.Insert(at, b); break;
                case 1: bytes.RemoveAt(at); break;
                default: bytes[at] = b; break;
            }
        }

        return bytes.ToArray();
    }

    private static string Show(string? value) => value is null ? "(none)" : $"[{HostileValues.Escape(value)}]";
}
