using System.Text.Json.Nodes;
using AutoMode.Core.ThirdParty;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;

namespace AutoMode.Core.Import;

/// <summary>
/// Sorts the input documents into NodeClasses and NodePools by name, keeping only what a class could own: name and
/// spec (status, and the metadata the server or other tools write, are not the user's declaration).
/// </summary>
internal static class ImportDocuments
{
    public sealed record Named(string Source, string Name, JsonObject Node);

    public sealed record Sorted(IReadOnlyDictionary<string, Named> NodeClasses, IReadOnlyList<Named> NodePools);

    public static Sorted Read(IEnumerable<ImportInput> inputs, List<string> errors, List<ImportNote> notes)
    {
        var nodeClasses = new Dictionary<string, Named>(StringComparer.Ordinal);
        var nodePools = new Dictionary<string, Named>(StringComparer.Ordinal);
        var position = 0;
        foreach (var input in inputs)
        {
            position++;
            if (input.Node is null)
            {
                continue;
            }

            if (input.Node is not JsonObject root)
            {
                errors.Add($"{input.Source}: document {position}: expected a Kubernetes object (a mapping)");
                continue;
            }

            var kind = root["kind"]?.ToString();
            var apiVersion = root["apiVersion"]?.ToString();
            var target = (kind, apiVersion) switch
            {
                (ResourceKinds.NodeClassKind, V1NodeClass.ApiVersionValue) => nodeClasses,
                (ResourceKinds.NodePoolKind, V1NodePool.ApiVersionValue) => nodePools,
                _ => null,
            };
            var name = root["metadata"]?["name"]?.ToString();
            if (target is null && kind is null && apiVersion is null)
            {
                // Not a Kubernetes object at all: the IAM policy document `render` prints after the objects, so
                // `render | import` reads back what render wrote. Nothing of a pool is lost by skipping it.
                notes.Add(new ImportNote($"{input.Source}: document {position}", "", "not a Kubernetes object (no kind, no apiVersion; e.g. the IAM policy render prints): ignored", Lossy: false));
                continue;
            }

            if (target is null)
            {
                notes.Add(new ImportNote($"{input.Source}: document {position}", "",
                    $"{kind ?? "<no kind>"} ({apiVersion ?? "<no apiVersion>"}) is not an EKS Auto Mode NodeClass (eks.amazonaws.com/v1) or NodePool (karpenter.sh/v1): ignored",
                    Lossy: true));
                continue;
            }

            if (string.IsNullOrEmpty(name))
            {
                errors.Add($"{input.Source}: document {position}: {kind} has no metadata.name");
                continue;
            }

            if (target.TryGetValue(name, out var first))
            {
                errors.Add($"{input.Source}: {kind} {name}: already defined in {first.Source}");
                continue;
            }

            target[name] = new Named(input.Source, name, Declaration(root, name));
        }

        return new Sorted(nodeClasses, [.. nodePools.Values]);
    }

    private static JsonObject Declaration(JsonObject root, string name)
    {
        var spec = root["spec"]?.DeepClone() as JsonObject ?? [];
        if (spec["limits"] is JsonObject limits)
        {
            foreach (var key in limits.Select(p => p.Key).ToList())
            {
                limits[key] = OwnedFields.Quantity(limits[key]);
            }
        }

        return new JsonObject
        {
            ["apiVersion"] = root["apiVersion"]?.DeepClone(),
            ["kind"] = root["kind"]?.DeepClone(),
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = spec,
        };
    }
}
