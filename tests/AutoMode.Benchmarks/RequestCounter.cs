using System.Collections.Concurrent;

namespace AutoMode.Benchmarks;

/// <summary>
/// Counts every HTTP request a client sends, by Kubernetes verb and resource. It sits innermost in the client's
/// pipeline, so a retried request counts once per attempt, as the API server sees it.
/// </summary>
internal sealed class RequestCounter : DelegatingHandler
{
    private readonly ConcurrentDictionary<RequestKind, long> _counts = new();

    public IReadOnlyDictionary<RequestKind, long> Snapshot() => new Dictionary<RequestKind, long>(_counts);

    public static IReadOnlyDictionary<RequestKind, long> Delta(IReadOnlyDictionary<RequestKind, long> after, IReadOnlyDictionary<RequestKind, long> before) =>
        after.Select(p => (p.Key, Count: p.Value - before.GetValueOrDefault(p.Key)))
            .Where(p => p.Count > 0)
            .ToDictionary(p => p.Key, p => p.Count);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _counts.AddOrUpdate(RequestKind.Of(request), 1, static (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }
}
