using Microsoft.Extensions.Logging;

namespace AutoMode.Operator.Tests.OffHours;

/// <summary>
/// A logger factory for the operator under test that sees each WorkloadClass reconcile start and finish (the
/// controller opens a log scope with its key around every reconcile, after which the queue has its requeue), and keeps
/// error logs. It lets tests wait for "a reconcile of this key that started after now has finished" without sleeping.
/// </summary>
internal sealed class ReconcileLog : ILoggerFactory
{
    private const string Controller = "workloadclass";

    private readonly Lock _gate = new();
    private readonly List<(string Key, long Sequence)> _finished = [];
    private readonly List<string> _errors = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;

    /// <summary>How many reconciles have started so far (a marker for <see cref="WaitForRunAfterAsync"/>).</summary>
    public long Sequence => Interlocked.Read(ref _sequence);

    /// <summary>Error-level log lines (failed reconciles), for diagnostics and "no errors" assertions.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Reconciles of <paramref name="key"/> that started after <paramref name="marker"/> and have finished.</summary>
    public int FinishedAfter(string key, long marker)
    {
        lock (_gate)
        {
            return _finished.Count(f => f.Key == key && f.Sequence > marker);
        }
    }

    /// <summary>Waits until a reconcile of <paramref name="key"/> that started after <paramref name="marker"/> has finished.</summary>
    public async Task WaitForRunAfterAsync(string key, long marker, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
                if (_finished.Any(f => f.Key == key && f.Sequence > marker))
                {
                    return;
                }
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException ex)
            {
                throw new TimeoutException($"no reconcile of {key} started after #{marker} finished; errors: {string.Join(" | ", Errors)}", ex);
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new ScopeLogger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private Run? Started(object? state)
    {
        if (state is not IEnumerable<KeyValuePair<string, object>> pairs)
        {
            return null;
        }

        var values = pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (!values.TryGetValue("controller", out var controller) || controller as string != Controller || values.GetValueOrDefault("key") is not string key)
        {
            return null;
        }

        return new Run(this, key, Interlocked.Increment(ref _sequence));
    }

    private void Finished(string key, long sequence)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _finished.Add((key, sequence));
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private void Error(string message)
    {
        lock (_gate)
        {
            _errors.Add(message);
        }
    }

    private sealed class Run(ReconcileLog log, string key, long sequence) : IDisposable
    {
        public void Dispose() => log.Finished(key, sequence);
    }

    private sealed class ScopeLogger(ReconcileLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => log.Started(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                log.Error(formatter(state, exception) + (exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})"));
            }
        }
    }
}
