using System.Globalization;
using System.Text.Json.Nodes;
using AutoMode.Core.ThirdParty.Karpenter.V1;

namespace AutoMode.Benchmarks;

/// <summary>NodeClaims shaped like the ones EKS Auto Mode creates (labels, spec, status with capacity and conditions), so the cache transform has realistic input.</summary>
internal static class NodeClaimFactory
{
    public static JsonObject Create(string pool, int index, string runId)
    {
        var name = $"{pool}-{index.ToString("x6", CultureInfo.InvariantCulture)}";
        var node = $"i-0{index.ToString("x16", CultureInfo.InvariantCulture)}";
        var conditions = new JsonArray();
        foreach (var type in new[] { "Launched", "Registered", "Initialized", "Ready", "ConsistentStateFound" })
        {
            conditions.Add(new JsonObject
            {
                ["type"] = type,
                ["status"] = "True",
                ["reason"] = type,
                ["message"] = "",
                ["lastTransitionTime"] = "2026-11-23T10:00:00Z",
            });
        }

        return new JsonObject
        {
            ["apiVersion"] = V1NodeClaim.ApiVersionValue,
            ["kind"] = "NodeClaim",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = new JsonObject
                {
                    [V1NodeClaim.NodePoolLabel] = pool,
                    ["automode.io/bench-run"] = runId,
                    ["karpenter.sh/capacity-type"] = "on-demand",
                    ["eks.amazonaws.com/compute-type"] = "auto",
                    ["eks.amazonaws.com/instance-category"] = "m",
                    ["node.kubernetes.io/instance-type"] = "m6i.large",
                    ["topology.kubernetes.io/zone"] = "eu-west-1a",
                    ["kubernetes.io/arch"] = "amd64",
                },
                ["annotations"] = new JsonObject
                {
                    ["karpenter.sh/nodepool-hash"] = "6470716412573154553",
                    ["karpenter.sh/nodepool-hash-version"] = "v3",
                    ["eks.amazonaws.com/nodeclass-hash"] = "15535182697325354914",
                },
                ["finalizers"] = new JsonArray("karpenter.sh/termination"),
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "karpenter.sh/v1",
                    ["kind"] = "NodePool",
                    ["name"] = pool,
                    ["uid"] = "00000000-0000-0000-0000-000000000000",
                    ["blockOwnerDeletion"] = true,
                }),
            },
            ["spec"] = new JsonObject
            {
                ["expireAfter"] = "336h",
                ["nodeClassRef"] = new JsonObject { ["group"] = "eks.amazonaws.com", ["kind"] = "NodeClass", ["name"] = pool },
                ["requirements"] = new JsonArray(
                    new JsonObject { ["key"] = "karpenter.sh/capacity-type", ["operator"] = "In", ["values"] = new JsonArray("on-demand") },
                    new JsonObject { ["key"] = "eks.amazonaws.com/instance-category", ["operator"] = "In", ["values"] = new JsonArray("c", "m") },
                    new JsonObject { ["key"] = "node.kubernetes.io/instance-type", ["operator"] = "In", ["values"] = new JsonArray("m6i.large") }),
                ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "1150m", ["memory"] = "2Gi", ["pods"] = "12" } },
            },
            ["status"] = new JsonObject
            {
                ["providerID"] = $"aws:///eu-west-1a/{node}",
                ["nodeName"] = node,
                ["imageID"] = "ami-0123456789abcdef0",
                ["capacity"] = new JsonObject { ["cpu"] = "2", ["memory"] = "7910Mi", ["pods"] = "29", ["ephemeral-storage"] = "81854Mi" },
                ["allocatable"] = new JsonObject { ["cpu"] = "1930m", ["memory"] = "6903Mi", ["pods"] = "29", ["ephemeral-storage"] = "71Gi" },
                ["conditions"] = conditions,
            },
        };
    }
}
