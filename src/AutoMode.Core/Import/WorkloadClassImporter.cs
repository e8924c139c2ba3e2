using System.Text.Json;
using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Desired;
using AutoMode.Core.Serialization;
using AutoMode.Core.ThirdParty;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Core.Validation;
using k8s.Models;

namespace AutoMode.Core.Import;

/// <summary>
/// NodeClass (eks.amazonaws.com/v1) + NodePool (karpenter.sh/v1) documents -> one WorkloadClass per NodePool. Each
/// class is rendered back and compared with its input on every field the operator owns (<see cref="OwnedFields"/>):
/// whatever differs is a lossy note, so the notes are exactly what adopting the class would change. Pure.
/// </summary>
public static class WorkloadClassImporter
{
    /// <summary>AWS's built-in pools and NodeClass: AWS manages them, a class never takes them over.</summary>
    public static IReadOnlySet<string> BuiltInNodePools { get; } = new HashSet<string>(StringComparer.Ordinal) { "system", "general-purpose" };

    public const string BuiltInNodeClass = "default";

    public static ImportResult Import(IEnumerable<ImportInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var errors = new List<string>();
        var notes = new List<ImportNote>();
        var read = ImportDocuments.Read(inputs, errors, notes);
        var pools = read.NodePools.Where(p => !IsBuiltInPool(p.Name, notes)).ToList();
        if (pools.Count == 0 && errors.Count == 0)
        {
            errors.Add("no NodePool (karpenter.sh/v1) found in the input" + (read.NodePools.Count > 0 ? " other than AWS's built-in pools" : ""));
        }

        var users = pools.GroupBy(p => p.Node["spec"]?["template"]?["spec"]?["nodeClassRef"]?["name"]?.ToString() ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Name).ToList(), StringComparer.Ordinal);
        var classes = new List<V1Alpha1WorkloadClass>();
        foreach (var pool in pools)
        {
            if (ImportPool(pool, read.NodeClasses, users, errors, notes) is { } imported)
            {
                classes.Add(imported);
            }
        }

        foreach (var unused in read.NodeClasses.Values.Where(c => !users.ContainsKey(c.Name)))
        {
            notes.Add(new ImportNote($"NodeClass {unused.Name}", "", unused.Name == BuiltInNodeClass
                ? "AWS's built-in NodeClass: skipped"
                : "no NodePool in the input uses it: skipped", Lossy: false));
        }

        return new ImportResult(classes, [.. notes.Distinct()], errors);
    }

    private static bool IsBuiltInPool(string name, List<ImportNote> notes)
    {
        if (!BuiltInNodePools.Contains(name))
        {
            return false;
        }

        notes.Add(new ImportNote($"NodePool {name}", "", "AWS's built-in pool (cluster compute config): skipped", Lossy: false));
        return true;
    }

    private static V1Alpha1WorkloadClass? ImportPool(
        ImportDocuments.Named pool,
        IReadOnlyDictionary<string, ImportDocuments.Named> nodeClasses,
        Dictionary<string, List<string>> users,
        List<string> errors,
        List<ImportNote> notes)
    {
        var name = pool.Name;
        var poolSource = $"NodePool {name}";
        var reference = pool.Node["spec"]?["template"]?["spec"]?["nodeClassRef"];
        var (group, kind, nodeClassName) = (reference?["group"]?.ToString(), reference?["kind"]?.ToString(), reference?["name"]?.ToString() ?? "");
        if (group != ResourceKinds.EksGroup || kind != ResourceKinds.NodeClassKind)
        {
            errors.Add($"{pool.Source}: {poolSource}: spec.template.spec.nodeClassRef is {kind ?? "<no kind>"} ({group ?? "<no group>"}), not an EKS Auto Mode NodeClass (eks.amazonaws.com)");
            return null;
        }

        if (!nodeClasses.TryGetValue(nodeClassName, out var nodeClass))
        {
            errors.Add($"{pool.Source}: {poolSource}: uses NodeClass \"{nodeClassName}\", which is not in the input (add its YAML)");
            return null;
        }

        V1NodePool typedPool;
        V1NodeClass typedClass;
        try
        {
            typedPool = pool.Node.Deserialize(ManifestJsonContext.Default.V1NodePool)!;
            typedClass = nodeClass.Node.Deserialize(ManifestJsonContext.Default.V1NodeClass)!;
        }
        catch (JsonException ex)
        {
            errors.Add($"{pool.Source}: {poolSource}: cannot read it with its NodeClass {nodeClassName}: {ex.Message}");
            return null;
        }

        var workloadClass = new V1Alpha1WorkloadClass { Metadata = new V1ObjectMeta { Name = name } };
        NodeClassImporter.Fill(workloadClass.Spec, typedClass.Spec);
        NodePoolImporter.Fill(workloadClass.Spec, typedPool.Spec, name);

        var rendered = DesiredStateRenderer.Render(workloadClass, RenderContext.Default);
        var classSource = $"NodeClass {nodeClassName}";
        AddDifferences(classSource, OwnedFields.NodeClassSpec(nodeClass.Node["spec"]),
            OwnedFields.NodeClassSpec(ManifestYaml.ToJsonNode(rendered.NodeClass)?["spec"]), notes);
        AddDifferences(poolSource, OwnedFields.NodePoolSpec(pool.Node["spec"], name),
            OwnedFields.NodePoolSpec(ManifestYaml.ToJsonNode(rendered.NodePool)?["spec"], name), notes);
        notes.AddRange(ImportNotes.Deliberate(pool.Node, name, nodeClassName, users[nodeClassName]));
        notes.AddRange(WorkloadClassValidator.Validate(workloadClass).Select(e =>
            new ImportNote($"WorkloadClass {name}", e.Path, $"the imported class is not valid: {e.Message}", Lossy: true)));
        return workloadClass;
    }

    private static void AddDifferences(string source, JsonObject input, JsonObject rendered, List<ImportNote> notes) =>
        notes.AddRange(OwnedFields.Differences(input, rendered, "spec").Select(d =>
            new ImportNote(source, d.Path, ImportNotes.Difference(d.Input, d.Rendered), Lossy: true)));
}
