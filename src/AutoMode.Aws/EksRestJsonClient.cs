using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace AutoMode.Aws;

/// <summary>
/// <see cref="IEksApi"/> over EKS rest-json (API 2017-11-01, signing name <c>eks</c>): URI labels are percent-encoded
/// (a principal ARN's ':' and '/' included), bodies are JSON, errors come from the <c>x-amzn-ErrorType</c> header or
/// the body's <c>__type</c>/<c>code</c> and <c>message</c>. JSON is read and written without reflection (AOT-safe).
/// </summary>
public sealed class EksRestJsonClient : IEksApi
{
    private const string JsonContentType = "application/json";

    private readonly AwsRequestExecutor executor;
    private readonly string region;
    private string? accountId;

    public EksRestJsonClient(
        HttpClient httpClient,
        IAwsCredentialsSource credentials,
        AwsServiceEndpoint endpoint,
        AwsOptions options,
        TimeProvider timeProvider,
        ILogger<EksRestJsonClient> logger,
        AwsApiMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        accountId = options.AccountId;
        region = endpoint.SigningRegion;
        executor = new AwsRequestExecutor(httpClient, credentials, endpoint, options, timeProvider, logger,
            metrics ?? AwsSharedMetrics.Instance, ParseError);
    }

    public async Task<EksCluster> DescribeClusterAsync(string clusterName, CancellationToken cancellationToken)
    {
        var response = await SendAsync("DescribeCluster", HttpMethod.Get, $"/clusters/{Label(clusterName)}", null,
            ClusterResource(clusterName), cancellationToken).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(response.Body);
        var cluster = doc.RootElement.GetProperty("cluster");
        var arn = String(cluster, "arn") ?? string.Empty;
        if (AwsArn.TryParse(arn, out var parsed) && parsed.AccountId.Length > 0)
        {
            accountId = parsed.AccountId;
        }

        EksComputeConfig? compute = null;
        if (cluster.TryGetProperty("computeConfig", out var cc) && cc.ValueKind == JsonValueKind.Object)
        {
            compute = new EksComputeConfig(
                cc.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.True,
                Strings(cc, "nodePools"),
                String(cc, "nodeRoleArn"));
        }

        return new EksCluster(
            String(cluster, "name") ?? clusterName,
            arn,
            String(cluster, "roleArn") ?? throw new FormatException("DescribeCluster response has no cluster.roleArn."),
            String(cluster, "status"),
            String(cluster, "version"),
            compute);
    }

    public async Task<EksAccessEntry?> DescribeAccessEntryAsync(string clusterName, string principalArn, CancellationToken cancellationToken)
    {
        try
        {
            var response = await SendAsync("DescribeAccessEntry", HttpMethod.Get, EntryPath(clusterName, principalArn), null,
                AccessEntryResource(clusterName), cancellationToken).ConfigureAwait(false);
            using var doc = JsonDocument.Parse(response.Body);
            return ReadEntry(doc.RootElement.GetProperty("accessEntry"), clusterName, principalArn);
        }
        catch (AwsServiceException e) when (e.Kind == AwsErrorKind.NotFound)
        {
            // Only a coded ResourceNotFoundException lands here. A bare 404 (moto 5.2.1 has no access-entry routes; a
            // wrong AWS_ENDPOINT_URL_EKS; a proxy) is AwsErrorKind.EndpointNotFound and propagates: reading it as
            // "no entry" would mark every class's node role as missing its access entry.
            return null;
        }
    }

    public async Task<IReadOnlyList<EksAssociatedAccessPolicy>> ListAssociatedAccessPoliciesAsync(string clusterName, string principalArn, CancellationToken cancellationToken)
    {
        var result = new List<EksAssociatedAccessPolicy>();
        string? nextToken = null;
        do
        {
            var path = EntryPath(clusterName, principalArn) + "/access-policies?maxResults=100"
                + (nextToken is null ? string.Empty : "&nextToken=" + SigV4Signer.UriEncode(nextToken));
            var response = await SendAsync("ListAssociatedAccessPolicies", HttpMethod.Get, path, null,
                AccessEntryResource(clusterName), cancellationToken).ConfigureAwait(false);
            using var doc = JsonDocument.Parse(response.Body);
            if (doc.RootElement.TryGetProperty("associatedAccessPolicies", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    result.Add(new EksAssociatedAccessPolicy(String(item, "policyArn") ?? string.Empty, ReadScope(item)));
                }
            }

            nextToken = String(doc.RootElement, "nextToken");
        }
        while (!string.IsNullOrEmpty(nextToken));

        return result;
    }

    public async Task<EksAccessEntry> CreateAccessEntryAsync(string clusterName, string principalArn, string type, CancellationToken cancellationToken)
    {
        // One token for every retry of this call: EKS treats a repeated token as the same request, not a conflict.
        var token = Guid.NewGuid().ToString();
        var body = Json(w =>
        {
            w.WriteString("principalArn", principalArn);
            w.WriteString("type", type);
            w.WriteString("clientRequestToken", token);
        });
        var response = await SendAsync("CreateAccessEntry", HttpMethod.Post, $"/clusters/{Label(clusterName)}/access-entries", body,
            ClusterResource(clusterName), cancellationToken).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(response.Body);
        return ReadEntry(doc.RootElement.GetProperty("accessEntry"), clusterName, principalArn);
    }

    public async Task AssociateAccessPolicyAsync(string clusterName, string principalArn, string policyArn, EksAccessScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var body = Json(w =>
        {
            w.WriteString("policyArn", policyArn);
            w.WriteStartObject("accessScope");
            w.WriteString("type", scope.Type);
            if (scope.Namespaces.Count > 0)
            {
                w.WriteStartArray("namespaces");
                foreach (var ns in scope.Namespaces)
                {
                    w.WriteStringValue(ns);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
        await SendAsync("AssociateAccessPolicy", HttpMethod.Post, EntryPath(clusterName, principalArn) + "/access-policies", body,
            AccessEntryResource(clusterName), cancellationToken).ConfigureAwait(false);
    }

    private Task<AwsResponse> SendAsync(string operation, HttpMethod method, string path, byte[]? body, string resource, CancellationToken cancellationToken) =>
        executor.SendAsync(new AwsRequest(operation, method, path, body ?? [], body is null ? null : JsonContentType, "eks:" + operation, resource), cancellationToken);

    private string ClusterResource(string clusterName) =>
        accountId is { Length: > 0 } account ? executor.Partition.ClusterArn(region, account, clusterName) : clusterName;

    private string AccessEntryResource(string clusterName) =>
        accountId is { Length: > 0 } account
            ? $"arn:{executor.Partition.Name}:eks:{region}:{account}:access-entry/{clusterName}/*"
            : clusterName;

    private static string EntryPath(string clusterName, string principalArn) =>
        $"/clusters/{Label(clusterName)}/access-entries/{Label(principalArn)}";

    private static string Label(string value) => SigV4Signer.UriEncode(value);

    private static EksAccessEntry ReadEntry(JsonElement entry, string clusterName, string principalArn) => new(
        String(entry, "clusterName") ?? clusterName,
        String(entry, "principalArn") ?? principalArn,
        String(entry, "accessEntryArn"),
        String(entry, "type"),
        String(entry, "username"),
        Strings(entry, "kubernetesGroups"));

    private static EksAccessScope ReadScope(JsonElement item) =>
        item.TryGetProperty("accessScope", out var scope) && scope.ValueKind == JsonValueKind.Object
            ? new EksAccessScope(String(scope, "type") ?? string.Empty, Strings(scope, "namespaces"))
            : new EksAccessScope(string.Empty, []);

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static List<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];

    private static byte[] Json(Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static AwsWireError ParseError(HttpResponseMessage response, string body)
    {
        string? code = null;
        string? message = null;
        if (response.Headers.TryGetValues("x-amzn-ErrorType", out var types))
        {
            code = SanitizeCode(types.FirstOrDefault());
        }

        if (body.Length > 0 && body.TrimStart().StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                code ??= SanitizeCode(String(root, "__type") ?? String(root, "code") ?? String(root, "Code"));
                message = String(root, "message") ?? String(root, "Message");
            }
            catch (JsonException)
            {
                // Not JSON after all (a proxy page): the header or the status code classifies it.
                message = null;
            }
        }

        return new AwsWireError(code ?? AwsErrorClassifier.StatusOnlyCode(response.StatusCode), message, null);
    }

    /// <summary><c>aws.protocoltests#FooError:http://...</c> and <c>FooError:http://internal...</c> both mean <c>FooError</c>.</summary>
    internal static string? SanitizeCode(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var code = raw.Trim();
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.LastIndexOf('#');
        return hash >= 0 ? code[(hash + 1)..] : code;
    }
}
