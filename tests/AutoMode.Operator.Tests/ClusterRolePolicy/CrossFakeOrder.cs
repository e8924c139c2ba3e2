namespace AutoMode.Operator.Tests.ClusterRolePolicy;

/// <summary>
/// One monotonic counter for ordering requests ACROSS the two fakes. The fake AWS endpoint takes its sequence numbers
/// from <see cref="Next"/> (FakeAwsServerOptions.Sequence) when it logs a request, before answering it; the fake API
/// server's own sequence is internal to it, so the operator's Kubernetes client gets a handler (innermost, one stamp
/// per attempt) that takes a number from the same counter as it sends each request. "AWS request a &lt; Kubernetes
/// request b" then means a was answered before b left the operator.
/// </summary>
internal sealed class CrossFakeOrder
{
    private readonly Lock _gate = new();
    private readonly List<StampedKubeRequest> _kube = [];
    private long _sequence;

    public long Next() => Interlocked.Increment(ref _sequence);

    public IReadOnlyList<StampedKubeRequest> KubeRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _kube];
            }
        }
    }

    /// <summary>A fresh handler for one client (a DelegatingHandler belongs to one pipeline).</summary>
    public DelegatingHandler CreateHandler() => new StampingHandler(this);

    private void Add(StampedKubeRequest request)
    {
        lock (_gate)
        {
            _kube.Add(request);
        }
    }

    private sealed class StampingHandler(CrossFakeOrder order) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            order.Add(new StampedKubeRequest(order.Next(), request.Method.Method, request.RequestUri?.AbsolutePath ?? ""));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
