using System.Threading.Channels;
using AutoMode.Kubernetes.Queue;

namespace AutoMode.Kubernetes.Tests.Support;

/// <summary>Decorates a real queue and reports each call ("Forget a", "AddRateLimited a", "Reschedule a 00:00:30", "Done a").</summary>
internal sealed class RecordingWorkQueue(IWorkQueue inner) : IWorkQueue
{
    private readonly Channel<string> _calls = Channel.CreateUnbounded<string>();

    public int Count => inner.Count;

    public void Add(string key) => inner.Add(key);

    public void AddAfter(string key, TimeSpan delay)
    {
        inner.AddAfter(key, delay);
        Record($"AddAfter {key} {delay}");
    }

    public void Reschedule(string key, TimeSpan? delay)
    {
        inner.Reschedule(key, delay);
        Record($"Reschedule {key} {delay?.ToString() ?? "none"}");
    }

    public void AddRateLimited(string key)
    {
        inner.AddRateLimited(key);
        Record($"AddRateLimited {key}");
    }

    public void Forget(string key)
    {
        inner.Forget(key);
        Record($"Forget {key}");
    }

    public ValueTask<string?> GetAsync(CancellationToken cancellationToken) => inner.GetAsync(cancellationToken);

    public void Done(string key)
    {
        inner.Done(key);
        Record($"Done {key}");
    }

    public void ShutDown() => inner.ShutDown();

    /// <summary>Waits until a call equal to <paramref name="call"/> is recorded; returns the calls seen up to and including it.</summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(string call)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Default);
        var seen = new List<string>();
        while (true)
        {
            var next = await _calls.Reader.ReadAsync(cts.Token);
            seen.Add(next);
            if (next == call)
            {
                return seen;
            }
        }
    }

    private void Record(string call) => _calls.Writer.TryWrite(call);
}
