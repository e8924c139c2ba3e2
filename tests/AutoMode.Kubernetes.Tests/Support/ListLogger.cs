using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AutoMode.Kubernetes.Tests.Support;

/// <summary>A logger that keeps every line (level, formatted message, exception) for assertions.</summary>
internal sealed class ListLogger : ILogger
{
    public ConcurrentQueue<LogLine> Lines { get; } = new();

    public IEnumerable<LogLine> AtLeast(LogLevel level) => Lines.Where(l => l.Level >= level);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue(new LogLine(logLevel, formatter(state, exception), exception));
}

internal sealed record LogLine(LogLevel Level, string Message, Exception? Exception);
