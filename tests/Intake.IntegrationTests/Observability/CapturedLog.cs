using Microsoft.Extensions.Logging;

namespace Intake.IntegrationTests.Observability;

public sealed record CapturedLog(string Category, LogLevel Level, string Message, string? Exception, IReadOnlyDictionary<string, string?> Scopes)
{
    /// <summary>Everything this record would put in a log line.</summary>
    public string AllText => $"{Message} {Exception} {string.Join(' ', Scopes.Select(s => $"{s.Key}={s.Value}"))}";
}
