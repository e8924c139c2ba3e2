using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace AutoMode.Testing.Aws;

/// <summary>
/// In-process fake AWS endpoint on loopback (Kestrel, <c>127.0.0.1:0</c>) speaking the real wire protocols: IAM Query
/// (form POST to <c>/</c>, XML results and <c>ErrorResponse</c> errors, URL-encoded policy documents) and EKS rest-json
/// (percent-encoded URI labels, JSON bodies, <c>x-amzn-ErrorType</c> errors). Stateful (roles, inline policies,
/// clusters, access entries), rejects requests without a well-formed SigV4 <c>Authorization</c> header scoped to the
/// right service and region, injects faults (<see cref="Faults"/>) and logs every request (<see cref="Requests"/>).
/// Point both services at it with <c>AWS_ENDPOINT_URL</c> = <see cref="Endpoint"/>.
/// </summary>
public sealed partial class FakeAwsServer : IAsyncDisposable
{
    private const string IamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static long globalSequence;

    private readonly Lock gate = new();
    private readonly Dictionary<string, Role> roles = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Cluster> clusters = new(StringComparer.Ordinal);
    private readonly List<FakeAwsRequest> requests = [];
    private readonly List<(Func<FakeAwsRequest, bool> Predicate, TaskCompletionSource<FakeAwsRequest> Signal)> waiters = [];
    private readonly WebApplication app;

    private FakeAwsServer(WebApplication app, FakeAwsServerOptions options)
    {
        this.app = app;
        Options = options;
    }

    public FakeAwsServerOptions Options { get; }

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:43567/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public string AccountId => Options.AccountId;

    public FakeAwsFaults Faults { get; } = new();

    /// <summary>Snapshot of the request log, in arrival order.</summary>
    public IReadOnlyList<FakeAwsRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Global monotonic sequence number (shared by every fake that uses it).</summary>
    public static long NextSequence() => Interlocked.Increment(ref globalSequence);

    public static async Task<FakeAwsServer> StartAsync(FakeAwsServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeAwsServer(app, options ?? new FakeAwsServerOptions());
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.Endpoint = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    // ---- seeding and inspection -------------------------------------------------------------------------------

    /// <summary>Creates a role; returns its ARN.</summary>
    public string AddRole(string name, string trustPolicyJson, string path = "/")
    {
        var normalisedPath = path.StartsWith('/') ? path : "/" + path;
        normalisedPath = normalisedPath.EndsWith('/') ? normalisedPath : normalisedPath + "/";
        var arn = $"arn:{Options.Partition}:iam::{Options.AccountId}:role{normalisedPath}{name}";
        lock (gate)
        {
            roles[name] = new Role(name, arn, normalisedPath, "AROA" + Math.Abs(name.GetHashCode(StringComparison.Ordinal)), trustPolicyJson);
        }

        return arn;
    }

    /// <summary>Creates an Auto Mode cluster whose cluster role is <paramref name="roleArn"/>; returns its ARN.</summary>
    public string AddCluster(string name, string roleArn, string? nodeRoleArn = null, bool computeEnabled = true)
    {
        var arn = $"arn:{Options.Partition}:eks:{Options.Region}:{Options.AccountId}:cluster/{name}";
        lock (gate)
        {
            clusters[name] = new Cluster(name, arn, roleArn, nodeRoleArn, computeEnabled);
        }

        return arn;
    }

    /// <summary>Stores an inline policy directly (someone else's policy, or a reformatted copy of ours); not logged.</summary>
    public void PutInlinePolicy(string roleName, string policyName, string document)
    {
        lock (gate)
        {
            RequireRole(roleName).Policies[policyName] = document;
        }
    }

    /// <summary>Deletes an inline policy directly (drift); not logged. False when it was absent.</summary>
    public bool RemoveInlinePolicy(string roleName, string policyName)
    {
        lock (gate)
        {
            return RequireRole(roleName).Policies.Remove(policyName);
        }
    }

    /// <summary>The role's inline policies as stored (documents exactly as written), by name.</summary>
    public IReadOnlyDictionary<string, string> GetInlinePolicies(string roleName)
    {
        lock (gate)
        {
            return new Dictionary<string, string>(RequireRole(roleName).Policies, StringComparer.Ordinal);
        }
    }

    public string? GetInlinePolicy(string roleName, string policyName)
    {
        lock (gate)
        {
            return RequireRole(roleName).Policies.GetValueOrDefault(policyName);
        }
    }

    /// <summary>Adds an access entry with cluster-scoped associated policies.</summary>
    public void AddAccessEntry(string clusterName, string principalArn, string type, params string[] policyArns)
    {
        lock (gate)
        {
            var entry = new AccessEntry(principalArn, type, null);
            entry.Policies.AddRange(policyArns);
            RequireCluster(clusterName).Entries[principalArn] = entry;
        }
    }

    public FakeAwsAccessEntry? GetAccessEntry(string clusterName, string principalArn)
    {
        lock (gate)
        {
            return RequireCluster(clusterName).Entries.TryGetValue(principalArn, out var e)
                ? new FakeAwsAccessEntry(clusterName, principalArn, e.Type, [.. e.Policies])
                : null;
        }
    }

    /// <summary>Completes with the first logged request (already logged or future) matching <paramref name="predicate"/>.</summary>
    public Task<FakeAwsRequest> WaitForRequestAsync(Func<FakeAwsRequest, bool> predicate, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var signal = new TaskCompletionSource<FakeAwsRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            var existing = requests.FirstOrDefault(predicate);
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            waiters.Add((predicate, signal));
        }

        return signal.Task.WaitAsync(timeout);
    }

    // ---- request pipeline -------------------------------------------------------------------------------------

    private async Task HandleAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var isIam = HttpMethods.IsPost(context.Request.Method) && RawPath(rawTarget) == "/";
        var call = isIam ? ParseIamCall(body) : ParseEksCall(context.Request.Method, rawTarget, body);

        var auth = CheckSignature(context.Request, call.Service, isIam ? Options.IamSigningRegion : Options.Region);
        Reply reply;
        var injected = false;
        if (auth is not null)
        {
            reply = auth;
        }
        else if (Faults.Next(call.Operation) is { } fault)
        {
            injected = true;
            reply = isIam ? IamFault(fault, call) : EksFault(fault, call);
        }
        else
        {
            lock (gate)
            {
                reply = isIam ? ExecuteIam(call) : ExecuteEks(call);
            }

            if (reply.Status is >= 200 and < 300 && Faults.NextAfterApply(call.Operation) is { } lost)
            {
                injected = true;
                reply = isIam ? IamFault(lost, call) : EksFault(lost, call);
            }
        }

        var index = Log(call, reply, injected);
        if (reply.Drop)
        {
            context.Abort();
            return;
        }

        var requestId = $"fake-{index:D6}";
        context.Response.StatusCode = reply.Status;
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        if (reply.ErrorCode is not null && !isIam)
        {
            context.Response.Headers["x-amzn-ErrorType"] = $"{reply.ErrorCode}:http://internal.amazon.com/coral/com.amazonaws.eks/";
        }

        context.Response.ContentType = reply.ContentType ?? (isIam ? "text/xml" : "application/json");
        await context.Response.WriteAsync(reply.Body.Replace("{RequestId}", requestId, StringComparison.Ordinal)).ConfigureAwait(false);
    }

    private int Log(Call call, Reply reply, bool injected)
    {
        List<TaskCompletionSource<FakeAwsRequest>> toSignal = [];
        FakeAwsRequest entry;
        lock (gate)
        {
            entry = new FakeAwsRequest(Options.Sequence(), requests.Count, call.Service, call.Operation, call.RoleName, call.PolicyName,
                call.ClusterName, call.PrincipalArn, reply.Drop ? 0 : reply.Status, reply.ErrorCode, injected);
            requests.Add(entry);
            for (var i = waiters.Count - 1; i >= 0; i--)
            {
                if (waiters[i].Predicate(entry))
                {
                    toSignal.Add(waiters[i].Signal);
                    waiters.RemoveAt(i);
                }
            }
        }

        foreach (var signal in toSignal)
        {
            signal.TrySetResult(entry);
        }

        return entry.Index;
    }

    /// <summary>Null when the request carries a well-formed SigV4 header for the expected scope; else the 403 to send.</summary>
    private Reply? CheckSignature(HttpRequest request, string service, string region)
    {
        var isIam = service == "iam";
        var authorization = request.Headers.Authorization.ToString();
        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            return isIam
                ? IamError(HttpStatusCode.Forbidden, "MissingAuthenticationToken", "Request is missing Authentication Token")
                : EksError(HttpStatusCode.Forbidden, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        var match = AuthorizationShape().Match(authorization);
        if (!match.Success || !AmzDateShape().IsMatch(amzDate) || !amzDate.StartsWith(match.Groups["date"].Value, StringComparison.Ordinal))
        {
            return isIam
                ? IamError(HttpStatusCode.Forbidden, "IncompleteSignature", "Authorization header or X-Amz-Date is malformed.")
                : EksError(HttpStatusCode.Forbidden, "InvalidSignatureException", "Authorization header or X-Amz-Date is malformed.");
        }

        var signed = match.Groups["headers"].Value.Split(';');
        if (!signed.Contains("host") || !signed.Contains("x-amz-date"))
        {
            return isIam
                ? IamError(HttpStatusCode.Forbidden, "IncompleteSignature", "Signed headers must include host and x-amz-date.")
                : EksError(HttpStatusCode.Forbidden, "InvalidSignatureException", "Signed headers must include host and x-amz-date.");
        }

        if (match.Groups["service"].Value != service || match.Groups["region"].Value != region)
        {
            var message = $"Credential should be scoped to a valid region and service: expected {region}/{service}, got {match.Groups["region"].Value}/{match.Groups["service"].Value}.";
            return isIam
                ? IamError(HttpStatusCode.Forbidden, "SignatureDoesNotMatch", message)
                : EksError(HttpStatusCode.Forbidden, "InvalidSignatureException", message);
        }

        return null;
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    private static string RawPath(string rawTarget)
    {
        var q = rawTarget.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? rawTarget : rawTarget[..q];
    }

    private Role RequireRole(string roleName) =>
        roles.TryGetValue(roleName, out var role) ? role : throw new InvalidOperationException($"Fake AWS has no role '{roleName}'.");

    private Cluster RequireCluster(string clusterName) =>
        clusters.TryGetValue(clusterName, out var cluster) ? cluster : throw new InvalidOperationException($"Fake AWS has no cluster '{clusterName}'.");

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/\s,]+)/(?<date>\d{8})/(?<region>[a-z0-9-]+)/(?<service>[a-z0-9-]+)/aws4_request, ?SignedHeaders=(?<headers>[a-z0-9-]+(;[a-z0-9-]+)*), ?Signature=(?<sig>[0-9a-f]{64})$", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationShape();

    [GeneratedRegex(@"^\d{8}T\d{6}Z$", RegexOptions.CultureInvariant)]
    private static partial Regex AmzDateShape();

    private sealed record Call(string Service, string Operation, IReadOnlyDictionary<string, string> Parameters, string? RoleName,
        string? PolicyName, string? ClusterName, string? PrincipalArn, string Body);

    private sealed record Reply(int Status, string Body, string? ErrorCode, bool Drop = false, string? ContentType = null);

    // Werkzeug's 404 page, as moto_server 5.2.1 sends it for a route it does not know (no x-amzn-ErrorType, no code).
    private static Reply BareNotFound() => new(404,
        "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server.</p>\n", null,
        ContentType: "text/html; charset=utf-8");

    private sealed record Role(string Name, string Arn, string Path, string RoleId, string TrustPolicy)
    {
        public Dictionary<string, string> Policies { get; } = new(StringComparer.Ordinal);
    }

    private sealed record Cluster(string Name, string Arn, string RoleArn, string? NodeRoleArn, bool ComputeEnabled)
    {
        public Dictionary<string, AccessEntry> Entries { get; } = new(StringComparer.Ordinal);
    }

    private sealed record AccessEntry(string PrincipalArn, string Type, string? ClientRequestToken)
    {
        public List<string> Policies { get; } = [];
    }
}
