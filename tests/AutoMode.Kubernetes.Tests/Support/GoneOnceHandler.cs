using System.Net;
using System.Text;

namespace AutoMode.Kubernetes.Tests.Support;

/// <summary>Answers the first watch request that resumes from a resourceVersion with an HTTP 410 (some servers and proxies do), then passes through.</summary>
internal sealed class GoneOnceHandler : DelegatingHandler
{
    private int _armed = 1;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = request.RequestUri?.Query ?? string.Empty;
        if (query.Contains("watch=true", StringComparison.Ordinal)
            && query.Contains("resourceVersion=", StringComparison.Ordinal)
            && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Gone)
            {
                Content = new StringContent("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Expired\",\"code\":410}", Encoding.UTF8, "application/json"),
                RequestMessage = request,
            });
        }

        return base.SendAsync(request, cancellationToken);
    }
}
