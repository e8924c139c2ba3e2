using System.Text.Json.Nodes;

namespace AutoMode.Core.Iam;

/// <summary>
/// The AWS-documented policy that lets EKS Auto Mode put user tags on what it creates. It goes on the CLUSTER role
/// (EKS DescribeCluster roleArn), not the node role. Statements are verbatim from the EKS user guide, including
/// StringLike for the cni-node-name condition (the terraform module's StringEquals "*" only matches a literal "*").
/// </summary>
public static class TagPropagationPolicy
{
    /// <summary>Name of the inline policy the operator puts on the cluster role.</summary>
    public const string DefaultPolicyName = "automode-operator-tag-propagation";

    private const string ClusterNameTag = "aws:RequestTag/eks:eks-cluster-name";
    private const string ClusterNamePrincipalTag = "${aws:PrincipalTag/eks:eks-cluster-name}";

    public static PolicyDocument Create(string partition)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);

        var document = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(
                Statement(
                    "Compute",
                    Strings("ec2:CreateFleet", "ec2:RunInstances", "ec2:CreateLaunchTemplate"),
                    "*",
                    new JsonObject
                    {
                        ["StringEquals"] = ClusterNameEquals(),
                        ["StringLike"] = new JsonObject
                        {
                            ["aws:RequestTag/eks:kubernetes-node-class-name"] = "*",
                            ["aws:RequestTag/eks:kubernetes-node-pool-name"] = "*",
                        },
                    }),
                Statement(
                    "Storage",
                    Strings("ec2:CreateVolume", "ec2:CreateSnapshot"),
                    Strings($"arn:{partition}:ec2:*:*:volume/*", $"arn:{partition}:ec2:*:*:snapshot/*"),
                    new JsonObject { ["StringEquals"] = ClusterNameEquals() }),
                Statement(
                    "Networking",
                    "ec2:CreateNetworkInterface",
                    "*",
                    new JsonObject
                    {
                        ["StringEquals"] = ClusterNameEquals(),
                        ["StringLike"] = new JsonObject { ["aws:RequestTag/eks:kubernetes-cni-node-name"] = "*" },
                    }),
                Statement(
                    "LoadBalancer",
                    Strings(
                        "elasticloadbalancing:CreateLoadBalancer",
                        "elasticloadbalancing:CreateTargetGroup",
                        "elasticloadbalancing:CreateListener",
                        "elasticloadbalancing:CreateRule",
                        "ec2:CreateSecurityGroup"),
                    "*",
                    new JsonObject { ["StringEquals"] = ClusterNameEquals() }),
                Statement(
                    "ShieldProtection",
                    Strings("shield:CreateProtection"),
                    "*",
                    new JsonObject { ["StringEquals"] = ClusterNameEquals() }),
                Statement(
                    "ShieldTagResource",
                    Strings("shield:TagResource"),
                    $"arn:{partition}:shield::*:protection/*",
                    new JsonObject { ["StringEquals"] = ClusterNameEquals() })),
        };

        return PolicyDocument.FromJson(document);
    }

    private static JsonObject ClusterNameEquals() => new() { [ClusterNameTag] = ClusterNamePrincipalTag };

    private static JsonArray Strings(params string[] values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static JsonObject Statement(string sid, JsonNode action, JsonNode resource, JsonObject condition) => new()
    {
        ["Sid"] = sid,
        ["Effect"] = "Allow",
        ["Action"] = action,
        ["Resource"] = resource,
        ["Condition"] = condition,
    };
}
