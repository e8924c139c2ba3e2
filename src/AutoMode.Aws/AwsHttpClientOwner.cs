namespace AutoMode.Aws;

/// <summary>Owns the one pooled HttpClient both AWS clients share (DNS changes picked up via connection lifetime).</summary>
internal sealed class AwsHttpClientOwner(TimeSpan attemptTimeout) : IDisposable
{
    public HttpClient Client { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = attemptTimeout,
    };

    public void Dispose() => Client.Dispose();
}
