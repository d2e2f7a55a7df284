using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Intake.IntegrationTests.Observability;

/// <summary>Keeps every log record with the values of the scopes it was written in.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _records = new();
    internal IExternalScopeProvider Scopes { get; private set; } = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Records => [.. _records];

    public ILogger CreateLogger(string categoryName) => new CaptureLogger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => Scopes = scopeProvider;

    public void Dispose()
    {
    }

    internal void Write(string category, LogLevel level, string message, Exception? exception)
    {
        var scopeValues = new Dictionary<string, string?>();
        Scopes.ForEachScope((scope, values) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    values[key] = value?.ToString();
                }
            }
            else if (scope is not null)
            {
                values[$"scope:{values.Count}"] = scope.ToString();
            }
        }, scopeValues);
        _records.Enqueue(new CapturedLog(category, level, message, exception?.ToString(), scopeValues));
    }
}
