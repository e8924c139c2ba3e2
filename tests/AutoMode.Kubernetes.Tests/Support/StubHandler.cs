using System.Collections.Concurrent;

namespace AutoMode.Kubernetes.Tests.Support;

/// <summary>Answers each request from a script (one function per attempt, the last repeating) and records what it saw.</summary>
internal sealed class StubHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] script) : HttpMessageHandler
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public ConcurrentQueue<string?> Bodies { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        Bodies.Enqueue(request.Content is null ? null : await ReadLikeTheWireAsync(request.Content, cancellationToken));
        return script[Math.Min(call, script.Length) - 1](request);
    }

    // CopyToAsync, not ReadAsStringAsync: the latter buffers the content itself and would hide a non-replayable body.
    private static async Task<string> ReadLikeTheWireAsync(HttpContent content, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        return System.Text.Encoding.UTF8.GetString(copy.ToArray());
    }
}
