using System.Net;
using System.Text.Json;

namespace AutoMode.Testing.Aws;

/// <summary>EKS rest-json half of the fake.</summary>
public sealed partial class FakeAwsServer
{
    private static Call ParseEksCall(string method, string rawTarget, string body)
    {
        var q = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? rawTarget : rawTarget[..q];
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (q >= 0)
        {
            foreach (var pair in rawTarget[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var i = pair.IndexOf('=', StringComparison.Ordinal);
                query[Uri.UnescapeDataString(i < 0 ? pair : pair[..i])] = i < 0 ? string.Empty : Uri.UnescapeDataString(pair[(i + 1)..]);
            }
        }

        // Labels are percent-encoded on the wire (an ARN's ':' and '/' included): split first, decode each segment.
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var isGet = string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);
        var isPost = string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase);
        var operation = segments switch
        {
            ["clusters", _] when isGet => "DescribeCluster",
            ["clusters", _, "access-entries"] when isPost => "CreateAccessEntry",
            ["clusters", _, "access-entries", _] when isGet => "DescribeAccessEntry",
            ["clusters", _, "access-entries", _, "access-policies"] when isGet => "ListAssociatedAccessPolicies",
            ["clusters", _, "access-entries", _, "access-policies"] when isPost => "AssociateAccessPolicy",
            _ => "Unknown",
        };
        var cluster = segments.Length >= 2 && segments[0] == "clusters" ? segments[1] : null;
        var principal = segments.Length >= 4 ? segments[3] : null;
        if (operation == "CreateAccessEntry" && TryReadJson(body, out var json))
        {
            principal = json.TryGetValue("principalArn", out var p) ? p : null;
        }

        return new Call("eks", operation, query, null, null, cluster, principal, body);
    }

    private Reply ExecuteEks(Call call)
    {
        if (call.Operation == "Unknown")
        {
            return EksError(HttpStatusCode.NotFound, "UnknownOperationException", "Unknown operation.");
        }

        if (call.ClusterName is null || !clusters.TryGetValue(call.ClusterName, out var cluster))
        {
            return EksError(HttpStatusCode.NotFound, "ResourceNotFoundException", $"No cluster found for name: {call.ClusterName}.");
        }

        switch (call.Operation)
        {
            case "DescribeCluster":
                return EksOk(new Dictionary<string, object?>
                {
                    ["cluster"] = new Dictionary<string, object?>
                    {
                        ["name"] = cluster.Name,
                        ["arn"] = cluster.Arn,
                        ["createdAt"] = 1733011200.123,
                        ["version"] = "1.31",
                        ["endpoint"] = $"https://{cluster.Name}.gr7.{Options.Region}.eks.amazonaws.com",
                        ["roleArn"] = cluster.RoleArn,
                        ["status"] = "ACTIVE",
                        ["computeConfig"] = new Dictionary<string, object?>
                        {
                            ["enabled"] = cluster.ComputeEnabled,
                            ["nodePools"] = cluster.ComputeEnabled ? new[] { "general-purpose", "system" } : Array.Empty<string>(),
                            ["nodeRoleArn"] = cluster.NodeRoleArn,
                        },
                        ["storageConfig"] = new Dictionary<string, object?> { ["blockStorage"] = new Dictionary<string, object?> { ["enabled"] = cluster.ComputeEnabled } },
                        ["tags"] = new Dictionary<string, string>(),
                    },
                });

            case "DescribeAccessEntry":
                return cluster.Entries.TryGetValue(call.PrincipalArn ?? string.Empty, out var entry)
                    ? EksOk(new Dictionary<string, object?> { ["accessEntry"] = EntryJson(cluster, entry) })
                    : EksError(HttpStatusCode.NotFound, "ResourceNotFoundException", $"The specified access entry resource is not found on cluster {cluster.Name}.");

            case "ListAssociatedAccessPolicies":
                return ListAssociated(cluster, call);

            case "CreateAccessEntry":
                return CreateAccessEntry(cluster, call);

            case "AssociateAccessPolicy":
                return AssociateAccessPolicy(cluster, call);

            default:
                return EksError(HttpStatusCode.NotFound, "UnknownOperationException", "Unknown operation.");
        }
    }

    private Reply ListAssociated(Cluster cluster, Call call)
    {
        if (!cluster.Entries.TryGetValue(call.PrincipalArn ?? string.Empty, out var entry))
        {
            return EksError(HttpStatusCode.NotFound, "ResourceNotFoundException", $"The specified access entry resource is not found on cluster {cluster.Name}.");
        }

        var max = call.Parameters.TryGetValue("maxResults", out var m) && int.TryParse(m, out var parsed) ? Math.Clamp(parsed, 1, 100) : 100;
        var start = call.Parameters.TryGetValue("nextToken", out var token) && int.TryParse(token, out var t) ? t : 0;
        var page = entry.Policies.Skip(start).Take(max).Select(arn => new Dictionary<string, object?>
        {
            ["policyArn"] = arn,
            ["accessScope"] = new Dictionary<string, object?> { ["type"] = "cluster", ["namespaces"] = Array.Empty<string>() },
            ["associatedAt"] = 1733011200.0,
            ["modifiedAt"] = 1733011200.0,
        }).ToList();
        var next = start + page.Count < entry.Policies.Count ? (start + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return EksOk(new Dictionary<string, object?>
        {
            ["clusterName"] = cluster.Name,
            ["principalArn"] = entry.PrincipalArn,
            ["nextToken"] = next,
            ["associatedAccessPolicies"] = page,
        });
    }

    private Reply CreateAccessEntry(Cluster cluster, Call call)
    {
        if (!TryReadJson(call.Body, out var json) || !json.TryGetValue("principalArn", out var principal) || string.IsNullOrEmpty(principal))
        {
            return EksError(HttpStatusCode.BadRequest, "InvalidParameterException", "principalArn is required.");
        }

        var type = json.GetValueOrDefault("type") ?? "STANDARD";
        var token = json.GetValueOrDefault("clientRequestToken");
        if (cluster.Entries.TryGetValue(principal, out var existing))
        {
            return existing.ClientRequestToken is not null && existing.ClientRequestToken == token
                ? EksOk(new Dictionary<string, object?> { ["accessEntry"] = EntryJson(cluster, existing) })
                : EksError(HttpStatusCode.Conflict, "ResourceInUseException", $"The specified access entry resource is already in use on this cluster.");
        }

        var entry = new AccessEntry(principal, type, token);
        cluster.Entries[principal] = entry;
        return EksOk(new Dictionary<string, object?> { ["accessEntry"] = EntryJson(cluster, entry) });
    }

    private Reply AssociateAccessPolicy(Cluster cluster, Call call)
    {
        if (!cluster.Entries.TryGetValue(call.PrincipalArn ?? string.Empty, out var entry))
        {
            return EksError(HttpStatusCode.NotFound, "ResourceNotFoundException", $"The specified access entry resource is not found on cluster {cluster.Name}.");
        }

        using var doc = JsonDocument.Parse(call.Body.Length == 0 ? "{}" : call.Body);
        var policyArn = doc.RootElement.TryGetProperty("policyArn", out var p) ? p.GetString() : null;
        var scopeType = doc.RootElement.TryGetProperty("accessScope", out var s) && s.TryGetProperty("type", out var st) ? st.GetString() : null;
        if (string.IsNullOrEmpty(policyArn) || scopeType is not ("cluster" or "namespace"))
        {
            return EksError(HttpStatusCode.BadRequest, "InvalidParameterException", "policyArn and accessScope.type are required.");
        }

        if (!entry.Policies.Contains(policyArn))
        {
            entry.Policies.Add(policyArn);
        }

        return EksOk(new Dictionary<string, object?>
        {
            ["clusterName"] = cluster.Name,
            ["principalArn"] = entry.PrincipalArn,
            ["associatedAccessPolicy"] = new Dictionary<string, object?>
            {
                ["policyArn"] = policyArn,
                ["accessScope"] = new Dictionary<string, object?> { ["type"] = scopeType, ["namespaces"] = Array.Empty<string>() },
            },
        });
    }

    private Dictionary<string, object?> EntryJson(Cluster cluster, AccessEntry entry)
    {
        var principalName = entry.PrincipalArn[(entry.PrincipalArn.LastIndexOf('/') + 1)..];
        return new Dictionary<string, object?>
        {
            ["clusterName"] = cluster.Name,
            ["principalArn"] = entry.PrincipalArn,
            ["kubernetesGroups"] = Array.Empty<string>(),
            ["accessEntryArn"] = $"arn:{Options.Partition}:eks:{Options.Region}:{Options.AccountId}:access-entry/{cluster.Name}/role/{Options.AccountId}/{principalName}/00000000-0000-0000-0000-000000000000",
            ["createdAt"] = 1733011200.0,
            ["modifiedAt"] = 1733011200.0,
            ["tags"] = new Dictionary<string, string>(),
            ["username"] = "system:node:{{EC2PrivateDNSName}}",
            ["type"] = entry.Type,
        };
    }

    private Reply EksFault(FakeAwsFault fault, Call call) => fault switch
    {
        FakeAwsFault.Throttling => EksError(HttpStatusCode.TooManyRequests, "ThrottlingException", "Rate exceeded"),
        FakeAwsFault.AccessDenied => EksError(HttpStatusCode.Forbidden, "AccessDeniedException",
            $"User: {Options.CallerArn} is not authorized to perform: eks:{call.Operation} on resource: arn:{Options.Partition}:eks:{Options.Region}:{Options.AccountId}:cluster/{call.ClusterName}"),
        FakeAwsFault.InternalError => EksError(HttpStatusCode.InternalServerError, "ServerException", "Internal server error."),
        FakeAwsFault.ServiceUnavailable => EksError(HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException", "Service unavailable."),
        FakeAwsFault.MalformedPolicyDocument => EksError(HttpStatusCode.BadRequest, "InvalidParameterException", "Invalid parameter."),
        FakeAwsFault.LimitExceeded => EksError(HttpStatusCode.BadRequest, "ResourceLimitExceededException", "Limit exceeded."),
        FakeAwsFault.ConnectionDrop => new Reply(0, string.Empty, "ConnectionDrop", Drop: true),
        FakeAwsFault.BareNotFound => BareNotFound(),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    private static Reply EksOk(object payload) => new(200, JsonSerializer.Serialize(payload), null);

    private static Reply EksError(HttpStatusCode status, string code, string message) =>
        new((int)status, JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = message }), code);

    private static bool TryReadJson(string body, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body))
        {
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    values[property.Name] = property.Value.GetString()!;
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
