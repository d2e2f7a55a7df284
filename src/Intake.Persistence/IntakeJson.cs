using System.Text.Json;

namespace Intake.Persistence;

/// <summary>One set of JSON options for everything Intake stores or returns.</summary>
public static class IntakeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
