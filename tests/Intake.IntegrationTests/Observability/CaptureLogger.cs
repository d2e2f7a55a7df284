using Microsoft.Extensions.Logging;

namespace Intake.IntegrationTests.Observability;

internal sealed class CaptureLogger(string category, LogCapture capture) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture.Scopes.Push(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        capture.Write(category, logLevel, formatter(state, exception), exception);
}
