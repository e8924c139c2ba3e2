using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AutoMode.Testing.Kube;

/// <summary>
/// A STAND-IN for the Kubernetes API server, for tests and benchmarks: a real Kestrel listener on 127.0.0.1 (random
/// port) that the real KubernetesClient talks real HTTP to. It serves the subset the operator uses:
/// <list type="bullet">
/// <item>registered resources (<see cref="AddResource"/>; core v1 and events.k8s.io/v1 <c>events</c> and
/// coordination.k8s.io/v1 <c>leases</c> are pre-registered), cluster-scoped or namespaced, with or without
/// <c>/status</c>;</item>
/// <item>GET, LIST (label selectors, <c>metadata.name</c>/<c>metadata.namespace</c> field selectors, limit/continue),
/// POST, PUT (optimistic concurrency), PATCH (merge, JSON patch, server-side apply with managed fields, conflicts and
/// force), DELETE (uid/resourceVersion preconditions, finalizers, garbage collection of dependents by ownerReferences);</item>
/// <item>WATCH with resourceVersion replay from a bounded history, 410 Expired as an ERROR event, bookmarks,
/// label filtering, <c>timeoutSeconds</c>; one global resourceVersion counter like etcd;</item>
/// <item>a request log, a seeded <see cref="FaultPlan"/>, direct state access and creation hooks.</item>
/// </list>
/// CustomResourceDefinition objects written to it are checked as a real API server checks them (Crds/CrdAdmission).
/// With a schema (<see cref="FakeApiServerState.SetSchema"/>, <see cref="FakeSchemas"/>) a kind is pruned and
/// defaulted on every write and read and server-side apply merges its lists by <c>x-kubernetes-list-type</c>, as the
/// real server does (see Kube/Ssa); without one any JSON is stored as sent, maps merge per key and lists are atomic.
/// With a CRD given to <see cref="FakeApiServerState.Cel"/> its CEL rules are evaluated on every write
/// (<see cref="Cel.CelAdmission"/>). Deletion follows the garbage collector's rules, propagationPolicy included
/// (FakeApiServerState.GarbageCollection.cs).
/// It does NOT do: authentication, authorization or admission; OpenAPI/CRD schema validation (types, formats,
/// required fields); strategic merge patch semantics (treated as a JSON merge patch, and refused
/// for custom resources like the real server does); field-level conversion between API versions;
/// dry-run; <c>deletecollection</c>; an asynchronous garbage collector (it runs inside each write); namespace
/// lifecycle; watch-list (<c>sendInitialEvents</c>); protobuf; HTTP/2. Watch
/// <c>timeoutSeconds</c> and <see cref="FaultPlan.SlowResponse"/> are its only real-time elements.
/// </summary>
public sealed class FakeApiServer : IAsyncDisposable, IDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private FaultPlan? _faults;
    private int _disposed;

    private FakeApiServer(WebApplication app, FakeApiServerState state)
    {
        _app = app;
        State = state;
        app.Run(HandleAsync);
    }

    /// <summary>The store: objects, watches, request log. Also what <see cref="WaitForAsync"/> predicates receive.</summary>
    public FakeApiServerState State { get; }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The fault plan in force, or null for none; may be swapped at runtime.</summary>
    public FaultPlan? Faults
    {
        get => Volatile.Read(ref _faults);
        set => Volatile.Write(ref _faults, value);
    }

    /// <inheritdoc cref="FakeApiServerState.HistoryLimit"/>
    public int HistoryLimit
    {
        get => State.HistoryLimit;
        set => State.HistoryLimit = value;
    }

    /// <inheritdoc cref="FakeApiServerState.GarbageCollection"/>
    public bool GarbageCollection
    {
        get => State.GarbageCollection;
        set => State.GarbageCollection = value;
    }

    /// <inheritdoc cref="FakeApiServerState.BookmarkOnWatchStart"/>
    public bool BookmarkOnWatchStart
    {
        get => State.BookmarkOnWatchStart;
        set => State.BookmarkOnWatchStart = value;
    }

    public IReadOnlyList<RecordedRequest> Requests => State.Requests;

    public IReadOnlyList<InjectedFault> InjectedFaults => State.InjectedFaults;

    /// <inheritdoc cref="FakeApiServerState.ServerErrors"/>
    public IReadOnlyList<Exception> ServerErrors => State.ServerErrors;

    /// <summary>Starts a server on 127.0.0.1 with a random port. Object timestamps come from <paramref name="timeProvider"/> (system clock by default).</summary>
    public static async Task<FakeApiServer> StartAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var server = new FakeApiServer(app, new FakeApiServerState(timeProvider ?? TimeProvider.System));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel did not report a listening address");
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>A real KubernetesClient pointed at this server; <paramref name="handlers"/> run outermost first.</summary>
    public k8s.Kubernetes CreateClient(params DelegatingHandler[] handlers) =>
        new(new KubernetesClientConfiguration { Host = BaseAddress.ToString() }, handlers);

    public FakeResourceType AddResource(string group, string version, string plural, string kind, bool namespaced = false, bool hasStatusSubresource = true) =>
        State.AddResource(group, version, plural, kind, namespaced, hasStatusSubresource);

    public JsonObject Put(object json) => State.Put(json);

    public JsonObject? Get(string plural, string name, string? ns = null) => State.Get(plural, name, ns);

    public IReadOnlyList<JsonObject> List(string plural, string? ns = null) => State.List(plural, ns);

    public bool Delete(string plural, string name, string? ns = null) => State.Delete(plural, name, ns);

    public JsonObject SetStatus(string plural, string name, JsonNode status, string? ns = null) => State.SetStatus(plural, name, status, ns);

    public void OnCreated(string plural, Func<JsonObject, JsonObject?> hook) => State.OnCreated(plural, hook);

    public int WritesFor(string plural) => State.WritesFor(plural);

    public void ResetCounters() => State.ResetCounters();

    public void SendBookmarks() => State.SendBookmarks();

    public void DropWatches() => State.DropWatches();

    public void ExpireHistory() => State.ExpireHistory();

    public Task WaitForAsync(Func<FakeApiServerState, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        State.WaitForAsync(predicate, timeout, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        State.CloseAllWatches();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        State.CloseAllWatches();
        ((IDisposable)_app).Dispose();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var route = FakeRoute.Parse(request.Method, request.Path.Value ?? "/", request.Query);
        var sequence = State.NextSequence();
        var fieldManager = request.Query["fieldManager"].FirstOrDefault();
        var fault = FaultKind.None;
        var recorded = false;

        void Record(int statusCode)
        {
            if (recorded)
            {
                return;
            }

            recorded = true;
            State.Record(new RecordedRequest(
                sequence,
                request.Method,
                request.Path.Value ?? "/",
                request.QueryString.Value ?? string.Empty,
                request.ContentType,
                route.Verb,
                statusCode,
                route.IsWrite,
                route.Group,
                route.Plural,
                route.Namespace,
                route.Name,
                route.Subresource,
                fieldManager,
                fault));
        }

        try
        {
            if (route.Verb == "discovery")
            {
                await WriteJsonAsync(context, 200, FakeDiscovery.Describe(State, route, request.Path.Value ?? "/")).ConfigureAwait(false);
                Record(200);
                return;
            }

            var type = route.Plural is null || route.Version is null ? null : State.FindType(route.Group ?? string.Empty, route.Version, route.Plural);
            if (type is null || !route.FitsScope(type) || (route.Subresource is not null && !(route.Subresource == "status" && type.HasStatusSubresource)))
            {
                throw new FakeApiException(404, "NotFound", $"the server could not find the requested resource ({request.Method} {request.Path})");
            }

            var decision = Faults?.Decide(route.Verb, type.Plural) ?? FaultDecision.None;
            fault = decision.Kind;
            if (fault != FaultKind.None)
            {
                State.RecordFault(new InjectedFault(sequence, fault, route.Verb, type.Plural));
            }

            switch (fault)
            {
                case FaultKind.ConnectionReset:
                    Record(0);
                    context.Abort();
                    return;
                case FaultKind.TooManyRequests:
                    context.Response.Headers.RetryAfter = (Faults?.RetryAfterSeconds ?? 0).ToString(CultureInfo.InvariantCulture);
                    throw new FakeApiException(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later (injected)");
                case FaultKind.InternalServerError:
                    throw new FakeApiException(500, "InternalError", "an error on the server has prevented the request from succeeding (injected)");
                case FaultKind.ServiceUnavailable:
                    throw new FakeApiException(503, "ServiceUnavailable", "the server is currently unable to handle the request (injected)");
                case FaultKind.WriteConflict:
                    throw FakeApiException.Conflict(type, route.Name ?? string.Empty, "the object has been modified; please apply your changes to the latest version and try again (injected)");
                case FaultKind.SlowResponse:
                    await Task.Delay(decision.Delay, context.RequestAborted).ConfigureAwait(false);
                    break;
            }

            var ns = type.Namespaced ? route.Namespace : string.Empty;
            var manager = fieldManager ?? "unknown";
            switch (route.Verb)
            {
                case "get":
                    await WriteJsonAsync(context, 200, State.GetObject(type, ns!, route.Name!)).ConfigureAwait(false);
                    Record(200);
                    break;
                case "list":
                    var list = State.ListResponse(
                        type,
                        ns,
                        LabelSelector.Parse(request.Query["labelSelector"]),
                        FieldSelector.Parse(request.Query["fieldSelector"]),
                        int.TryParse(request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit : null,
                        request.Query["continue"]);
                    await WriteJsonAsync(context, 200, list).ConfigureAwait(false);
                    Record(200);
                    break;
                case "watch":
                    await WatchAsync(context, type, ns, fault, Record).ConfigureAwait(false);
                    break;
                case "create":
                    var created = State.Create(type, ns!, await ReadObjectAsync(request).ConfigureAwait(false), manager);
                    await WriteJsonAsync(context, 201, created).ConfigureAwait(false);
                    Record(201);
                    break;
                case "update":
                    var replaced = State.Replace(type, ns!, route.Name!, route.Subresource, await ReadObjectAsync(request).ConfigureAwait(false), manager);
                    await WriteJsonAsync(context, 200, replaced).ConfigureAwait(false);
                    Record(200);
                    break;
                case "patch":
                    await PatchAsync(context, type, ns!, route, fieldManager, Record).ConfigureAwait(false);
                    break;
                case "delete":
                    var body = await ReadBodyAsync(request).ConfigureAwait(false);
                    var options = body.Length == 0 ? null : JsonNode.Parse(body) as JsonObject;
                    var deleted = State.DeleteObject(type, ns!, route.Name!, options, request.Query["propagationPolicy"].FirstOrDefault());
                    await WriteJsonAsync(context, 200, deleted).ConfigureAwait(false);
                    Record(200);
                    break;
                default:
                    throw new FakeApiException(405, "MethodNotAllowed", $"{route.Verb} is not supported by the fake API server");
            }
        }
        catch (FakeApiException ex)
        {
            await WriteJsonAsync(context, ex.Code, ex.ToStatus()).ConfigureAwait(false);
            Record(ex.Code);
        }
        catch (JsonException)
        {
            await WriteJsonAsync(context, 400, FakeApiException.StatusObject(400, "BadRequest", "the request body is not valid JSON")).ConfigureAwait(false);
            Record(400);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            // The client went away (or the server is stopping) mid-request: nothing left to answer.
            Record(499);
        }
        catch (BadHttpRequestException ex)
        {
            // A truncated or malformed request, typically a client cancelled (or a process stopped) mid-body: the
            // client's problem, never a bug in the fake, so it stays out of ServerErrors.
            if (!context.RequestAborted.IsCancellationRequested)
            {
                await WriteJsonAsync(context, ex.StatusCode, FakeApiException.StatusObject(ex.StatusCode, "BadRequest", "the request could not be read")).ConfigureAwait(false);
            }

            Record(context.RequestAborted.IsCancellationRequested ? 499 : ex.StatusCode);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug in the fake, not an API outcome: answer like a real server's 500 and keep it for the test to see.
            State.RecordServerError(ex);
            await WriteJsonAsync(context, 500, FakeApiException.StatusObject(500, "InternalError", $"fake API server error: {ex.GetType().Name}: {ex.Message}")).ConfigureAwait(false);
            Record(500);
        }
    }

    private async Task PatchAsync(HttpContext context, FakeResourceType type, string ns, FakeRoute route, string? fieldManager, Action<int> record)
    {
        var request = context.Request;
        var contentType = request.ContentType ?? string.Empty;
        var text = await ReadBodyAsync(request).ConfigureAwait(false);
        if (contentType.StartsWith("application/apply-patch+yaml", StringComparison.Ordinal))
        {
            if (string.IsNullOrEmpty(fieldManager))
            {
                throw new FakeApiException(422, "Invalid", "PATCH with apply requires fieldManager: Required value: is required for apply patch");
            }

            var intent = RequestBody.Parse(text) as JsonObject ?? throw FakeApiException.BadRequest("apply body must be an object");
            var force = string.Equals(request.Query["force"], "true", StringComparison.OrdinalIgnoreCase);
            var (applied, created) = State.Apply(type, ns, route.Name!, route.Subresource, intent, fieldManager, force);
            var code = created ? 201 : 200;
            await WriteJsonAsync(context, code, applied).ConfigureAwait(false);
            record(code);
            return;
        }

        if (contentType.StartsWith("application/strategic-merge-patch+json", StringComparison.Ordinal) && type.Group.Contains('.', StringComparison.Ordinal) && type.Group != "coordination.k8s.io" && type.Group != "events.k8s.io")
        {
            throw new FakeApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        }

        if (!contentType.StartsWith("application/merge-patch+json", StringComparison.Ordinal)
            && !contentType.StartsWith("application/json-patch+json", StringComparison.Ordinal)
            && !contentType.StartsWith("application/strategic-merge-patch+json", StringComparison.Ordinal))
        {
            throw new FakeApiException(415, "UnsupportedMediaType", $"unsupported patch content type {contentType}");
        }

        var patched = State.Patch(type, ns, route.Name!, route.Subresource, contentType, JsonNode.Parse(text), fieldManager ?? "unknown");
        await WriteJsonAsync(context, 200, patched).ConfigureAwait(false);
        record(200);
    }

    private async Task WatchAsync(HttpContext context, FakeResourceType type, string? ns, FaultKind fault, Action<int> record)
    {
        var query = context.Request.Query;
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        if (fault == FaultKind.WatchExpired)
        {
            await WriteErrorEventAsync(context, new FakeApiException(410, "Expired", "too old resource version (injected)")).ConfigureAwait(false);
            record(200);
            return;
        }

        WatchSubscription watch;
        try
        {
            watch = State.OpenWatch(
                type,
                ns,
                LabelSelector.Parse(query["labelSelector"]),
                FieldSelector.Parse(query["fieldSelector"]),
                query["resourceVersion"],
                string.Equals(query["allowWatchBookmarks"], "true", StringComparison.OrdinalIgnoreCase));
        }
        catch (FakeApiException ex) when (ex.Code == 410)
        {
            await WriteErrorEventAsync(context, ex).ConfigureAwait(false);
            record(200);
            return;
        }

        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            if (int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(seconds));
            }

            await response.StartAsync(stop.Token).ConfigureAwait(false);
            await response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
            record(200);
            var dropAfter = fault == FaultKind.WatchDropped ? Math.Max(0, Faults?.DropWatchAfterEvents ?? 0) : int.MaxValue;
            var sent = 0;
            if (sent >= dropAfter)
            {
                return;
            }

            try
            {
                await foreach (var line in watch.Lines.ReadAllAsync(stop.Token).ConfigureAwait(false))
                {
                    await response.WriteAsync(line, stop.Token).ConfigureAwait(false);
                    await response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
                    if (++sent >= dropAfter)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // timeoutSeconds elapsed, the client hung up, or the server is stopping: end the stream as the API server does.
            }
        }
        finally
        {
            State.CloseWatch(watch);
        }
    }

    private static async Task WriteErrorEventAsync(HttpContext context, FakeApiException error)
    {
        var line = new JsonObject { ["type"] = "ERROR", ["object"] = error.ToStatus() }.ToJsonString() + "\n";
        await context.Response.WriteAsync(line, context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static Task WriteJsonAsync(HttpContext context, int statusCode, JsonNode body) =>
        WriteJsonAsync(context, statusCode, body.ToJsonString());

    private static async Task WriteJsonAsync(HttpContext context, int statusCode, string json)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpRequest request) =>
        RequestBody.Parse(await ReadBodyAsync(request).ConfigureAwait(false)) as JsonObject
        ?? throw FakeApiException.BadRequest("request body must be an object");
}
