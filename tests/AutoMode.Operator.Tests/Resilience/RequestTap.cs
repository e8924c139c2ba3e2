using System.Collections.Concurrent;

namespace AutoMode.Operator.Tests.Resilience;

/// <summary>
/// Client-side request log shared by several operator instances: each instance's HTTP clients get a handler tagged
/// with its name, innermost (after retries), so every attempt on the wire is seen. <see cref="Close"/> marks an
/// instance as stopped; anything it sends afterwards is recorded as such.
/// </summary>
internal sealed class RequestTap
{
    private readonly ConcurrentQueue<TappedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, bool> _closed = new(StringComparer.Ordinal);
    private long _sequence;

    public IReadOnlyList<TappedRequest> Requests => [.. _requests.OrderBy(r => r.Sequence)];

    /// <summary>Handlers for one instance; <paramref name="instance"/> is read each time a client is built (so a restarted process can get a new name).</summary>
    public Func<DelegatingHandler> For(Func<string> instance) => () => new Handler(this, instance());

    public Func<DelegatingHandler> For(string instance) => For(() => instance);

    public void Close(string instance) => _closed[instance] = true;

    private sealed class Handler(RequestTap tap, string instance) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sequence = Interlocked.Increment(ref tap._sequence);
            var afterStop = tap._closed.ContainsKey(instance);
            var status = 0;
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                status = (int)response.StatusCode;
                return response;
            }
            finally
            {
                tap._requests.Enqueue(new TappedRequest(sequence, instance, request.Method.Method, request.RequestUri?.AbsolutePath ?? "", afterStop, status));
            }
        }
    }
}
