using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using k8s;

namespace AutoMode.Kubernetes.Tests.FakeApi;

/// <summary>Consumes a real KubernetesClient watch in the background so tests can await its events one by one.</summary>
internal sealed class WatchRecorder : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly Channel<(WatchEventType Type, JsonObject Object)> _events = Channel.CreateUnbounded<(WatchEventType, JsonObject)>();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Exception> _errors = [];
    private readonly Task _pump;

    public WatchRecorder(Func<Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, object)>> open)
    {
        _pump = PumpAsync(open);
    }

    /// <summary>Completes when the stream ends, cleanly or not (see <see cref="Failure"/>).</summary>
    public Task Completion => _pump;

    /// <summary>What ended the stream when it did not end cleanly (e.g. the client's error for a stream closed before its first line).</summary>
    public Exception? Failure { get; private set; }

    public IReadOnlyList<Exception> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public async Task<(WatchEventType Type, JsonObject Object)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await _events.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>All events until the stream ends (fails the test if it does not end in time).</summary>
    public async Task<List<(WatchEventType Type, JsonObject Object)>> DrainToEndAsync()
    {
        await _pump.WaitAsync(Patience);
        var events = new List<(WatchEventType, JsonObject)>();
        while (_events.Reader.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pump.WaitAsync(Patience);
        }
        catch (OperationCanceledException)
        {
            // Cancelling our own watch is how it is meant to end.
        }

        _stop.Dispose();
    }

    private async Task PumpAsync(Func<Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, object)>> open)
    {
        await Task.Yield();
        try
        {
            await foreach (var (type, item) in open(OnError, _stop.Token))
            {
                _events.Writer.TryWrite((type, (JsonObject)JsonSerializer.SerializeToNode(item)!));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            Failure = ex;
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    private void OnError(Exception error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
