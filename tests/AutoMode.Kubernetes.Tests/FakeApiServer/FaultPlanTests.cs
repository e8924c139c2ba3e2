using System.Net;
using AutoMode.Testing.Kube;
using k8s;
using k8s.Autorest;
using static AutoMode.Kubernetes.Tests.FakeApi.Widgets;

namespace AutoMode.Kubernetes.Tests.FakeApi;

/// <summary>Every fault the plan injects is observable by the real client and recorded by the server.</summary>
public sealed class FaultPlanTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private FakeApiServer _server = null!;
    private k8s.Kubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync();
        _server.AddResource(Group, Widgets.Version, Plural, "Widget");
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        var errors = _server.ServerErrors;
        await _server.DisposeAsync();
        Assert.Empty(errors);
    }

    public static TheoryData<FaultKind, HttpStatusCode, string> StatusFaults => new()
    {
        { FaultKind.TooManyRequests, HttpStatusCode.TooManyRequests, "throttling" },
        { FaultKind.InternalServerError, HttpStatusCode.InternalServerError, "server error" },
        { FaultKind.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, "unavailable" },
        { FaultKind.WriteConflict, HttpStatusCode.Conflict, "conflict on a write" },
    };

    [Theory]
    [MemberData(nameof(StatusFaults))]
    public async Task StatusFault_OnCreate_SurfacesAsItsStatusCodeAndStoresNothing(FaultKind kind, HttpStatusCode expected, string reason)
    {
        _server.Faults = Always(kind);

        var error = await Assert.ThrowsAsync<HttpOperationException>(
            () => _client.CustomObjects.CreateClusterCustomObjectAsync(Widget("a"), Group, Widgets.Version, Plural));

        Assert.True(expected == error.Response.StatusCode, reason);
        Assert.Null(_server.Get(Plural, "a"));
        var fault = Assert.Single(_server.InjectedFaults);
        Assert.Equal(kind, fault.Kind);
        Assert.Equal(kind, Assert.Single(_server.Requests).Fault);
    }

    [Fact]
    public async Task TooManyRequests_CarriesRetryAfter()
    {
        var plan = Always(FaultKind.TooManyRequests);
        plan.RetryAfterSeconds = 1;
        _server.Faults = plan;

        var error = await Assert.ThrowsAsync<HttpOperationException>(
            () => _client.CustomObjects.GetClusterCustomObjectAsync(Group, Widgets.Version, Plural, "a"));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.Response.StatusCode);
        Assert.Equal("1", Assert.Single(error.Response.Headers["Retry-After"]));
    }

    [Fact]
    public async Task ConnectionReset_SurfacesAsHttpRequestExceptionAndStoresNothing()
    {
        _server.Faults = Always(FaultKind.ConnectionReset);

        await Assert.ThrowsAsync<HttpRequestException>(
            () => _client.CustomObjects.CreateClusterCustomObjectAsync(Widget("a"), Group, Widgets.Version, Plural));

        Assert.Null(_server.Get(Plural, "a"));
        Assert.Equal(0, Assert.Single(_server.Requests, r => r.Fault == FaultKind.ConnectionReset).StatusCode);
    }

    [Fact]
    public async Task SlowResponse_StillSucceedsAndIsRecorded()
    {
        _server.Faults = Always(FaultKind.SlowResponse);

        await _client.CustomObjects.CreateClusterCustomObjectAsync(Widget("a"), Group, Widgets.Version, Plural);

        Assert.NotNull(_server.Get(Plural, "a"));
        Assert.Equal(FaultKind.SlowResponse, Assert.Single(_server.InjectedFaults).Kind);
    }

    [Fact]
    public async Task WatchExpired_SendsErrorEvent410()
    {
        _server.Put(Widget("a"));
        _server.Faults = Always(FaultKind.WatchExpired);

        await using var watch = Watch("0");
        var events = await watch.DrainToEndAsync();

        Assert.Empty(events);
        Assert.Equal(410, Assert.IsType<KubernetesException>(Assert.Single(watch.Errors)).Status.Code);
    }

    [Fact]
    public async Task WatchDropped_ClosesTheStreamAfterNEvents()
    {
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            _server.Put(Widget(name));
        }

        var plan = Always(FaultKind.WatchDropped);
        plan.DropWatchAfterEvents = 2;
        _server.Faults = plan;

        await using var watch = Watch("0");
        var events = await watch.DrainToEndAsync();

        Assert.Equal(["a", "b"], events.Select(e => Name(e.Object)));
        Assert.Null(watch.Failure);
        await _server.WaitForAsync(s => s.OpenWatchCount == 0, Patience);
    }

    [Fact]
    public async Task Plan_LimitedToVerbsAndResources_LeavesOtherRequestsAlone()
    {
        _server.Put(Widget("a"));
        var plan = new FaultPlan(seed: 1) { InternalServerError = 1 };
        plan.Verbs.Add("create");
        plan.Resources.Add(Plural);
        _server.Faults = plan;

        await _client.CustomObjects.GetClusterCustomObjectAsync(Group, Widgets.Version, Plural, "a");
        await _client.CoordinationV1.CreateNamespacedLeaseAsync(new k8s.Models.V1Lease { Metadata = new() { Name = "l" } }, "ops");
        var error = await Assert.ThrowsAsync<HttpOperationException>(
            () => _client.CustomObjects.CreateClusterCustomObjectAsync(Widget("b"), Group, Widgets.Version, Plural));

        Assert.Equal(HttpStatusCode.InternalServerError, error.Response.StatusCode);
        Assert.Equal("create", Assert.Single(_server.InjectedFaults).Verb);
    }

    [Fact]
    public async Task Plan_SwitchedOff_InjectsNothing()
    {
        var plan = Always(FaultKind.InternalServerError);
        _server.Faults = plan;
        plan.Enabled = false;

        await _client.CustomObjects.CreateClusterCustomObjectAsync(Widget("a"), Group, Widgets.Version, Plural);

        Assert.Empty(_server.InjectedFaults);
    }

    [Fact]
    public async Task SameSeed_InjectsTheSameFaultSequence()
    {
        async Task<List<FaultKind>> RunAsync()
        {
            await using var server = await FakeApiServer.StartAsync();
            server.AddResource(Group, Widgets.Version, Plural, "Widget");
            server.Faults = new FaultPlan(seed: 42) { InternalServerError = 0.3, TooManyRequests = 0.2 };
            using var client = server.CreateClient();
            for (var i = 0; i < 30; i++)
            {
                try
                {
                    await client.CustomObjects.ListClusterCustomObjectAsync(Group, Widgets.Version, Plural);
                }
                catch (HttpOperationException ex) when ((int)ex.Response.StatusCode is 429 or 500)
                {
                    // The injected fault is what this test counts.
                }
            }

            return server.Requests.Select(r => r.Fault).ToList();
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.Contains(FaultKind.InternalServerError, first);
        Assert.Contains(FaultKind.None, first);
    }

    [Fact]
    public async Task CreateClient_ExtraHandlers_SeeEveryResponse()
    {
        _server.Faults = Always(FaultKind.TooManyRequests);
        var seen = new List<HttpStatusCode>();
        using var client = _server.CreateClient(new RecordingHandler(seen));

        await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.ListClusterCustomObjectAsync(Group, Widgets.Version, Plural));

        Assert.Equal([HttpStatusCode.TooManyRequests], seen);
    }

    private static FaultPlan Always(FaultKind kind)
    {
        var plan = new FaultPlan(seed: 7);
        switch (kind)
        {
            case FaultKind.TooManyRequests: plan.TooManyRequests = 1; break;
            case FaultKind.InternalServerError: plan.InternalServerError = 1; break;
            case FaultKind.ServiceUnavailable: plan.ServiceUnavailable = 1; break;
            case FaultKind.WriteConflict: plan.WriteConflict = 1; break;
            case FaultKind.ConnectionReset: plan.ConnectionReset = 1; break;
            case FaultKind.SlowResponse: plan.SlowResponse = 1; break;
            case FaultKind.WatchExpired: plan.WatchExpired = 1; break;
            case FaultKind.WatchDropped: plan.WatchDropped = 1; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }

        return plan;
    }

    private WatchRecorder Watch(string resourceVersion) =>
        new((onError, ct) => _client.CustomObjects.WatchListClusterCustomObjectAsync(
            Group, Widgets.Version, Plural, resourceVersion: resourceVersion, onError: onError, cancellationToken: ct));

    private sealed class RecordingHandler(List<HttpStatusCode> seen) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            seen.Add(response.StatusCode);
            return response;
        }
    }
}
