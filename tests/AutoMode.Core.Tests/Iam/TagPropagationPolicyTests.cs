using AutoMode.Core.Iam;

namespace AutoMode.Core.Tests.Iam;

public sealed class TagPropagationPolicyTests
{
    /// <summary>automode-facts.md §4.1, the AWS EKS user guide's policy, statements verbatim; only the partition is a parameter.</summary>
    private static string Documented(string partition) => """
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "Compute",
                    "Effect": "Allow",
                    "Action": ["ec2:CreateFleet", "ec2:RunInstances", "ec2:CreateLaunchTemplate"],
                    "Resource": "*",
                    "Condition": {
                        "StringEquals": {"aws:RequestTag/eks:eks-cluster-name": "${aws:PrincipalTag/eks:eks-cluster-name}"},
                        "StringLike": {
                            "aws:RequestTag/eks:kubernetes-node-class-name": "*",
                            "aws:RequestTag/eks:kubernetes-node-pool-name": "*"
                        }
                    }
                },
                {
                    "Sid": "Storage",
                    "Effect": "Allow",
                    "Action": ["ec2:CreateVolume", "ec2:CreateSnapshot"],
                    "Resource": ["arn:aws:ec2:*:*:volume/*", "arn:aws:ec2:*:*:snapshot/*"],
                    "Condition": {"StringEquals": {"aws:RequestTag/eks:eks-cluster-name": "${aws:PrincipalTag/eks:eks-cluster-name}"}}
                },
                {
                    "Sid": "Networking",
                    "Effect": "Allow",
                    "Action": "ec2:CreateNetworkInterface",
                    "Resource": "*",
                    "Condition": {
                        "StringEquals": {"aws:RequestTag/eks:eks-cluster-name": "${aws:PrincipalTag/eks:eks-cluster-name}"},
                        "StringLike": {"aws:RequestTag/eks:kubernetes-cni-node-name": "*"}
                    }
                },
                {
                    "Sid": "LoadBalancer",
                    "Effect": "Allow",
                    "Action": ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup",
                               "elasticloadbalancing:CreateListener", "elasticloadbalancing:CreateRule", "ec2:CreateSecurityGroup"],
                    "Resource": "*",
                    "Condition": {"StringEquals": {"aws:RequestTag/eks:eks-cluster-name": "${aws:PrincipalTag/eks:eks-cluster-name}"}}
                },
                {
                    "Sid": "ShieldProtection",
                    "Effect": "Allow",
                    "Action": ["shield:CreateProtection"],
                    "Resource": "*",
                    "Condition": {"StringEquals": {"aws:RequestTag/eks:eks-cluster-name": "${aws:PrincipalTag/eks:eks-cluster-name}"}}
                },
                {
                    "Sid": "ShieldTagResource",
                    "Effect": "Allow",
                    "Action": ["shield:TagResource"],
                    "Resource": "arn:aws:shield::*:protection/*",
                    "Condition": {"StringEquals": {"aws:RequestTag/eks:eks-cluster-name": "${aws:PrincipalTag/eks:eks-cluster-name}"}}
                }
            ]
        }
        """.Replace("arn:aws:", $"arn:{partition}:", StringComparison.Ordinal);

    public static TheoryData<string> Partitions => new() { "aws", "aws-cn", "aws-us-gov" };

    [Theory]
    [MemberData(nameof(Partitions))]
    public void Create_EquivalentToDocumentedPolicy(string partition)
    {
        var policy = TagPropagationPolicy.Create(partition);

        Assert.True(
            PolicyDocument.AreEquivalent(Documented(partition), policy.ToCanonicalJson()),
            $"{partition}:\n{policy.ToIndentedJson()}");
    }

    [Theory]
    [MemberData(nameof(Partitions))]
    public void Create_SixStatementsWithPartitionArns(string partition)
    {
        var policy = TagPropagationPolicy.Create(partition);

        Assert.Equal("2012-10-17", policy.Version);
        Assert.Equal(
            ["Compute", "LoadBalancer", "Networking", "ShieldProtection", "ShieldTagResource", "Storage"],
            policy.Statements.Select(s => s.Sid));
        Assert.All(policy.Statements, s => Assert.Equal("Allow", s.Effect));
        Assert.Equal([$"arn:{partition}:ec2:*:*:snapshot/*", $"arn:{partition}:ec2:*:*:volume/*"], policy.Statements.Single(s => s.Sid == "Storage").Resources);
        Assert.Equal([$"arn:{partition}:shield::*:protection/*"], policy.Statements.Single(s => s.Sid == "ShieldTagResource").Resources);
        Assert.DoesNotContain(policy.ToCanonicalJson().Split("arn:").Skip(1), arn => !arn.StartsWith(partition + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Networking_UsesStringLikeForCniNodeName()
    {
        var networking = TagPropagationPolicy.Create("aws").Statements.Single(s => s.Sid == "Networking");

        Assert.Equal(["*"], networking.Conditions["StringLike"]["aws:RequestTag/eks:kubernetes-cni-node-name"]);
        Assert.False(networking.Conditions["StringEquals"].ContainsKey("aws:RequestTag/eks:kubernetes-cni-node-name"));
        Assert.Equal(["${aws:PrincipalTag/eks:eks-cluster-name}"], networking.Conditions["StringEquals"]["aws:RequestTag/eks:eks-cluster-name"]);
    }

    [Fact]
    public void DifferentPartitions_NotEquivalent()
    {
        Assert.False(TagPropagationPolicy.Create("aws").IsEquivalentTo(TagPropagationPolicy.Create("aws-cn")));
    }

    [Fact]
    public void CanonicalJson_IsMinifiedAndWellUnderTheInlineLimit()
    {
        var json = TagPropagationPolicy.Create("aws-us-gov").ToCanonicalJson();

        Assert.DoesNotContain('\n', json);
        Assert.DoesNotContain(": ", json, StringComparison.Ordinal);
        Assert.InRange(json.Length, 1000, 10240);
    }

    [Fact]
    public void DefaultPolicyName_IsAValidIamPolicyName()
    {
        Assert.Matches("^[\\w+=,.@-]{1,128}$", TagPropagationPolicy.DefaultPolicyName);
        Assert.Equal("automode-operator-tag-propagation", TagPropagationPolicy.DefaultPolicyName);
    }
}
