using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AutoMode.Core.Planning;

/// <summary>
/// One field where a running, unowned NodeClass or NodePool differs from what the class renders.
/// <paramref name="Live"/> is null when the object lacks a field the class renders (it would be added);
/// <paramref name="Rendered"/> is null when the object has a field the class does not render (<see cref="Kept"/>).
/// </summary>
public sealed record AdoptionDifference(string Kind, string Name, string Path, JsonNode? Live, JsonNode? Rendered)
{
    /// <summary>
    /// A field only the running object has. Adoption leaves it as it is: server-side apply never removes a field
    /// another field manager owns and the applier does not send.
    /// </summary>
    public bool Kept => Rendered is null;

    /// <summary>
    /// Whether applying this change can replace running nodes. Karpenter drifts a node when the hash of its
    /// NodePool's <c>spec.template</c> changes, requirements excluded: those drift the nodes that no longer satisfy
    /// them (<see cref="RequirementSet"/>; the same requirements in another order are no difference at all).
    /// Limits, disruption and weight are outside the template. A NodeClass change drifts the nodes launched from it.
    /// </summary>
    public bool ReplacesNodes => !Kept && Kind switch
    {
        "NodePool" => Path.StartsWith("spec.template", StringComparison.Ordinal),
        _ => true,
    };

    public override string ToString() => Kept
        ? $"{Kind} {Name} {Path}: {Show(Live)} (not rendered by the class: kept as it is)"
        : $"{Kind} {Name} {Path}: {Show(Live)} -> {Show(Rendered)}" + (ReplacesNodes ? "" : " (replaces no node)");


    private static string Show(JsonNode? value) => value is null ? "(absent)" : value.ToJsonString();
}

/// <summary>
/// The field-by-field difference between a running object's spec and the rendered one, compared the way the apply
/// step compares (ChildDiff): only fields of our wire model, nulls omitted, lists whole (every list the operator
/// writes is atomic in the NodePool and NodeClass schemas, so an apply replaces it as a whole), except a NodePool's
/// requirements, compared as a set (<see cref="RequirementSet"/>): another order is no difference, and the apply keeps
/// the running order.
/// </summary>
public static class AdoptionDiff
{
    /// <summary>Length (hex characters) of the digest the user copies into <see cref="AdoptionAnnotations.Confirm"/>.</summary>
    public const int DigestLength = 12;

    public static IReadOnlyList<AdoptionDifference> Compare(string kind, string name, JsonNode? live, JsonNode? rendered, string path = "spec")
    {
        var differences = new List<AdoptionDifference>();
        Walk(kind, name, live, rendered, path, differences);
        return differences;
    }

    /// <summary>
    /// A short digest of the changes (kept fields excluded: adoption does not touch them), so that a confirmation
    /// applies exactly the changes that were shown: any other change set has another digest and needs a new one.
    /// </summary>
    public static string Digest(IEnumerable<AdoptionDifference> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var text = string.Join('\n', changes.Where(c => !c.Kept).Select(c => c.ToString()).Order(StringComparer.Ordinal));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash)[..DigestLength];
    }

    private static void Walk(string kind, string name, JsonNode? live, JsonNode? rendered, string path, List<AdoptionDifference> differences)
    {
        if (JsonNode.DeepEquals(live, rendered) || (kind == "NodePool" && path == RequirementSet.SpecPath && RequirementSet.Same(live, rendered)))
        {
            return;
        }

        if (live is JsonObject left && rendered is JsonObject right)
        {
            foreach (var key in right.Select(p => p.Key).Union(left.Select(p => p.Key), StringComparer.Ordinal))
            {
                Walk(kind, name, left[key], right[key], Child(path, key), differences);
            }

            return;
        }

        differences.Add(new AdoptionDifference(kind, name, path, live?.DeepClone(), rendered?.DeepClone()));
    }

    // Keys with dots (label keys, resource names like nvidia.com/gpu) are quoted so the path stays readable and exact.
    private static string Child(string path, string key) =>
        key.Contains('.', StringComparison.Ordinal) || key.Contains('/', StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"{path}[\"{key}\"]")
            : $"{path}.{key}";
}
