using System.Text.Json;
using System.Text.Json.Serialization;

namespace Intake.Bench.Results;

/// <summary>Each phase writes its result as JSON into the results folder; the report reads them all.</summary>
public static class ResultFiles
{
    public const string Http = "http.json";
    public const string Relay = "relay.json";
    public const string Profile = "profile.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string EndToEnd(int workers) => $"e2e-w{workers}.json";

    public static async Task WriteAsync<T>(string directory, string name, T value)
    {
        Directory.CreateDirectory(directory);
        await using var stream = File.Create(Path.Combine(directory, name));
        await JsonSerializer.SerializeAsync(stream, value, Options);
    }

    public static async Task<T?> ReadAsync<T>(string directory, string name)
        where T : class
    {
        var path = Path.Combine(directory, name);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<T>(stream, Options);
    }
}
