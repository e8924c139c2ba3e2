using System.Text.Json.Nodes;
using AutoMode.Testing.Schemas;

namespace AutoMode.Testing.Kube;

/// <summary>Which NodePool CRD the fake serves: what EKS Auto Mode served (Dec 2024 dump) or upstream Karpenter v1.14.1.</summary>
public enum NodePoolSchema
{
    /// <summary>
    /// ../shared/crds/upstream/automode.karpenter.sh_nodepool_v1.imroc-32f51d9.json: Auto Mode's defaults
    /// (expireAfter 336h, terminationGracePeriod 24h); no list types but requirements[].values (every list atomic,
    /// template labels a granular map).
    /// </summary>
    AutoMode,

    /// <summary>
    /// ../shared/crds/upstream/karpenter.sh_nodepools.v1.14.1.yaml: expireAfter defaults to 720h; taints, requirements
    /// and budgets atomic lists, budgets[].reasons a set, template labels an atomic map, status.conditions a map list.
    /// </summary>
    Karpenter,
}

/// <summary>
/// Gives a <see cref="FakeApiServer"/> the schemas of the kinds the operator touches, so it prunes, defaults and
/// merges as the real API server would: our own WorkloadClass CRD (crds/), and the NodePool and NodeClass schemas in
/// ../shared/crds/upstream when that folder is present (without it those kinds stay schema-less).
/// </summary>
public static class FakeSchemas
{
    /// <summary>Sets the schemas of every registered kind among workloadclasses, nodepools and nodeclasses.</summary>
    public static void Install(FakeApiServer server, NodePoolSchema nodePools = NodePoolSchema.AutoMode)
    {
        ArgumentNullException.ThrowIfNull(server);
        var registered = server.State.ResourceTypes.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        if (registered.Contains("workloadclasses.automode.io"))
        {
            server.State.SetSchema("workloadclasses.automode.io", WorkloadClass());
        }

        if (registered.Contains("nodepools." + FakeAutoMode.KarpenterGroup) && NodePool(nodePools) is { } pool)
        {
            server.State.SetSchema("nodepools." + FakeAutoMode.KarpenterGroup, pool);
        }

        if (registered.Contains("nodeclasses." + FakeAutoMode.EksGroup) && NodeClass() is { } nodeClass)
        {
            server.State.SetSchema("nodeclasses." + FakeAutoMode.EksGroup, nodeClass);
        }
    }

    /// <summary>The openAPIV3Schema of crds/workloadclasses.automode.io.yaml.</summary>
    public static JsonObject WorkloadClass() =>
        CrdSchemaLoader.LoadCrdSchema(RepositoryPaths.Combine("crds", "workloadclasses.automode.io.yaml"));

    /// <summary>The NodePool schema of <paramref name="flavour"/>, or null without ../shared/crds/upstream.</summary>
    public static JsonObject? NodePool(NodePoolSchema flavour = NodePoolSchema.AutoMode) => flavour switch
    {
        NodePoolSchema.Karpenter => Upstream("karpenter.sh_nodepools.v1.14.1.yaml"),
        _ => WithStaticCapacity(Upstream("automode.karpenter.sh_nodepool_v1.imroc-32f51d9.json")),
    };

    /// <summary>
    /// Auto Mode serves NodePool spec.replicas (static capacity) since 2025-11-19
    /// (https://docs.aws.amazon.com/eks/latest/userguide/auto-static-capacity.html), after the Dec 2024 dump: the
    /// property is taken from Karpenter v1.14.1's CRD, so the fake keeps replicas instead of pruning it.
    /// </summary>
    private static JsonObject? WithStaticCapacity(JsonObject? schema)
    {
        if (schema?["properties"]?["spec"]?["properties"] is JsonObject properties
            && Upstream("karpenter.sh_nodepools.v1.14.1.yaml")?["properties"]?["spec"]?["properties"]?["replicas"] is { } replicas)
        {
            properties["replicas"] = replicas.DeepClone();
        }

        return schema;
    }

    /// <summary>
    /// Auto Mode's NodeClass schema (Dec 2024 dump) with <c>spec</c> keeping unknown fields: the dump predates fields
    /// AWS added since (podSubnetSelectorTerms, advancedNetworking, certificateBundles...; see the folder's README),
    /// which a real cluster keeps, so the fake must not prune them. Its defaults (ephemeralStorage, networkPolicy,
    /// networkPolicyEventLogs, snatPolicy) apply.
    /// </summary>
    public static JsonObject? NodeClass()
    {
        var schema = Upstream("automode.eks.amazonaws.com_nodeclass_v1.imroc-32f51d9.json");
        if (schema?["properties"]?["spec"] is JsonObject spec)
        {
            spec["x-kubernetes-preserve-unknown-fields"] = true;
        }

        return schema;
    }

    private static JsonObject? Upstream(string file) =>
        RepositoryPaths.UpstreamCrds is { } folder ? CrdSchemaLoader.Load(Path.Combine(folder, file)) : null;
}
