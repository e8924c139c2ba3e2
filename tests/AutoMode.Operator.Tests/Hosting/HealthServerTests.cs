using System.Net;
using System.Net.Sockets;
using AutoMode.Operator.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoMode.Operator.Tests.Hosting;

public sealed class HealthServerTests
{
    [Fact]
    public async Task Probes_AnswerFromTheirChecks_EachTimeTheyAreAsked()
    {
        var ready = false;
        var live = true;
        var port = FreePort();
        using var server = new HealthServer(
            port,
            () => live ? HealthAnswer.Ok : new HealthAnswer(HttpStatusCode.InternalServerError, "an informer crashed"),
            () => ready ? HealthAnswer.Ok : new HealthAnswer(HttpStatusCode.ServiceUnavailable, "caches not synced"),
            NullLogger<HealthServer>.Instance);
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var notReady = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("caches not synced", await notReady.Content.ReadAsStringAsync());

        ready = true;
        var nowReady = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, nowReady.StatusCode);
        Assert.Equal("ok", await nowReady.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        live = false;
        Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

        await server.StopAsync(CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(OtherRequests))]
    public async Task OtherRequests_AreRefused_WithoutCallingTheChecks(HttpMethod method, string path, HttpStatusCode expected, string reason)
    {
        var asked = 0;
        var port = FreePort();
        using var server = new HealthServer(port, () => Ask(ref asked), () => Ask(ref asked), NullLogger<HealthServer>.Instance);
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var response = await http.SendAsync(new HttpRequestMessage(method, new Uri(path, UriKind.Relative)));

        Assert.True(expected == response.StatusCode, reason);
        Assert.Equal(0, asked);
        await server.StopAsync(CancellationToken.None);
    }

    public static TheoryData<HttpMethod, string, HttpStatusCode, string> OtherRequests => new()
    {
        { HttpMethod.Get, "/metrics", HttpStatusCode.NotFound, "metrics are served by the Prometheus listener on its own port" },
        { HttpMethod.Get, "/readyz/extra", HttpStatusCode.NotFound, "only the exact probe paths answer" },
        { HttpMethod.Post, "/readyz", HttpStatusCode.MethodNotAllowed, "probes are reads" },
        { HttpMethod.Delete, "/healthz", HttpStatusCode.MethodNotAllowed, "probes are reads" },
    };

    [Fact]
    public async Task PortInUse_FailsTheStart_InsteadOfRunningWithoutProbes()
    {
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var server = new HealthServer(port, () => HealthAnswer.Ok, () => HealthAnswer.Ok, NullLogger<HealthServer>.Instance);

        await Assert.ThrowsAsync<HttpListenerException>(() => server.StartAsync(CancellationToken.None));
    }

    private static HealthAnswer Ask(ref int asked)
    {
        asked++;
        return HealthAnswer.Ok;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
