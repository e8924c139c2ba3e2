using Microsoft.Extensions.Logging;

namespace AutoMode.Operator.Tests.ClusterRolePolicy;

/// <summary>
/// The retry delays the AWS clients' pipeline chose, read from its "retry N in {Delay}" log line. Every retry logs its
/// delay, whereas a timer is only created for a delay of a millisecond or more, so counting timers undercounts.
/// </summary>
internal sealed class RetryDelayLog : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _delays = [];

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_gate)
            {
                return [.. _delays];
            }
        }
    }

    public ILogger<T> For<T>() => new Logger<T>(this);

    public ILogger CreateLogger(string categoryName) => new Logger<object>(this);

    public void Dispose()
    {
    }

    private void Record(TimeSpan delay)
    {
        lock (_gate)
        {
            _delays.Add(delay);
        }
    }

    private sealed class Logger<T>(RetryDelayLog log) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values && values.FirstOrDefault(v => v.Key == "Delay").Value is TimeSpan delay)
            {
                log.Record(delay);
            }
        }
    }
}
