using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AutoMode.E2E.Tests;

/// <summary>
/// The in-process operator's logs, one line each, in a file per run (test runners do not show a fixture's console),
/// so a failed run against a real cluster can be read afterwards.
/// </summary>
internal sealed class FileLoggerProvider(string path, TimeProvider time) : ILoggerProvider
{
    private readonly StreamWriter _writer = CreateWriter(path);
    private readonly Lock _gate = new();

    public string Path { get; } = path;

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    private static StreamWriter CreateWriter(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return new StreamWriter(path, append: false) { AutoFlush = true };
    }

    private void Write(LogLevel level, string category, string message, Exception? error)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():HH:mm:ss.fff} {level,-11} {category}: {message}{(error is null ? "" : Environment.NewLine + error)}");
        lock (_gate)
        {
            if (_writer.BaseStream.CanWrite)
            {
                _writer.WriteLine(line);
            }
        }
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
