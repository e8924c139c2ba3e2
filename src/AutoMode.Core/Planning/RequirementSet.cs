using System.Text.Json;
using System.Text.Json.Nodes;
using AutoMode.Core.Serialization;
using AutoMode.Core.ThirdParty.Karpenter.V1;

namespace AutoMode.Core.Planning;

/// <summary>
/// A NodePool's <c>spec.template.spec.requirements</c> as Karpenter reads them: a set. Wherever the operator decides
/// whether a NodePool differs from what it renders (ChildDiff, AdoptionDiff) the same entries in another order, or
/// with their values in another order, are the same requirements: no apply, no confirmation.
/// <para>
/// Karpenter agrees, and such a reorder replaces no node: the drift hash of a NodePool covers <c>spec.template</c>
/// with SlicesAsSets and leaves requirements out (kubernetes-sigs/karpenter pkg/apis/v1/nodepool.go: <c>Hash()</c>,
/// and <c>Requirements ... hash:"ignore"</c> on NodeClaimTemplateSpec; pkg/apis/v1/nodeclaim.go likewise on
/// NodeClaimSpec), and requirement drift checks each node's labels against the requirements merged by key
/// (pkg/controllers/nodeclaim/disruption/drift.go <c>areRequirementsDrifted</c>:
/// scheduling.NewNodeSelectorRequirementsWithMinValues, a map by key).
/// </para>
/// <para>
/// The list is atomic in the NodePool schema, so an apply replaces it as sent, order included: when the pool is applied
/// for another reason, <see cref="KeepRunningOrder"/> sends the running order, and the stored spec keeps it.
/// </para>
/// </summary>
public static class RequirementSet
{
    /// <summary>Where the requirements are in a NodePool spec (the path AdoptionDiff reports).</summary>
    public const string SpecPath = "spec.template.spec.requirements";

    /// <summary>Whether two requirement lists (JSON) hold the same entries, with the same values, in any order.</summary>
    public static bool Same(JsonNode? left, JsonNode? right) =>
        left is JsonArray l && right is JsonArray r && l.Count == r.Count &&
        Canonical(l).Select(Text).SequenceEqual(Canonical(r).Select(Text), StringComparer.Ordinal);

    /// <summary>
    /// A NodePool spec (JSON) with its requirements in one order and their values sorted, for comparisons where
    /// order means nothing; a copy when it changes anything. Any other spec (a NodeClass's) is returned as it is.
    /// </summary>
    public static JsonNode? InCanonicalOrder(JsonNode? spec)
    {
        if (spec?["template"]?["spec"]?["requirements"] is not JsonArray requirements)
        {
            return spec;
        }

        var copy = spec.DeepClone();
        copy["template"]!["spec"]!["requirements"] = new JsonArray([.. Canonical(requirements)]);
        return copy;
    }

    /// <summary>
    /// <paramref name="desired"/>, with the running pool's requirement list in place of the rendered one when both
    /// hold the same requirements in another order (a copy then; the rendered pool is left as it is).
    /// </summary>
    public static V1NodePool KeepRunningOrder(V1NodePool desired, V1NodePool? running)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var wanted = desired.Spec?.Template?.Spec?.Requirements;
        var runs = running?.Spec?.Template?.Spec?.Requirements;
        if (wanted is null || runs is null)
        {
            return desired;
        }

        var (wantedJson, runsJson) = (Json(wanted), Json(runs));
        if (JsonNode.DeepEquals(wantedJson, runsJson) || !Same(wantedJson, runsJson))
        {
            return desired;
        }

        var copy = JsonSerializer.SerializeToNode(desired, ManifestJsonContext.Default.V1NodePool)!.Deserialize(ManifestJsonContext.Default.V1NodePool)!;
        copy.Spec.Template.Spec.Requirements = [.. runs.Select(r => new V1NodeSelectorRequirement
        {
            Key = r.Key,
            Operator = r.Operator,
            Values = r.Values?.ToList(),
            MinValues = r.MinValues,
        })];
        return copy;
    }

    private static JsonArray Json(IList<V1NodeSelectorRequirement> requirements) =>
        new([.. requirements.Select(r => JsonSerializer.SerializeToNode(r, ManifestJsonContext.Default.V1NodeSelectorRequirement))]);

    /// <summary>Each entry with its fields by name and its values sorted, the entries sorted by their JSON text.</summary>
    private static IEnumerable<JsonNode?> Canonical(JsonArray requirements) => requirements
        .Select(r => r is JsonObject entry
            ? new JsonObject(entry.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value is JsonArray values
                ? new JsonArray([.. values.Select(v => v?.DeepClone()).OrderBy(Text, StringComparer.Ordinal)])
                : p.Value?.DeepClone())))
            : r?.DeepClone())
        .OrderBy(Text, StringComparer.Ordinal);

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";
}
