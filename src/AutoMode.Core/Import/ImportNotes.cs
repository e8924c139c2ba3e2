using System.Text.Json.Nodes;

namespace AutoMode.Core.Import;

/// <summary>The changes every imported class makes on purpose, said once, and how values are shown in notes.</summary>
internal static class ImportNotes
{
    private const int MaxShown = 160;

    public static IEnumerable<ImportNote> Deliberate(JsonObject nodePool, string name, string nodeClassName, IReadOnlyList<string> poolsOfNodeClass)
    {
        var source = $"NodePool {name}";
        if (poolsOfNodeClass.Count > 1)
        {
            yield return new ImportNote(source, "spec.template.spec.nodeClassRef.name",
                $"NodeClass {nodeClassName} is shared by NodePools {string.Join(", ", poolsOfNodeClass)}: each becomes a class with the same node settings, rendered in its own NodeClass named after the class ({name})",
                Lossy: false);
        }
        else if (nodeClassName != name)
        {
            yield return new ImportNote(source, "spec.template.spec.nodeClassRef.name",
                $"uses NodeClass {nodeClassName}: the class renders the same settings in a NodeClass named {name}", Lossy: false);
        }
    }

    /// <summary>Lists of different lengths (requirements, taints, budgets) say which items come and go, not both whole lists.</summary>
    public static string Difference(JsonNode? input, JsonNode? rendered)
    {
        if (input is JsonArray written && rendered is JsonArray renders)
        {
            var added = renders.Where(r => !written.Any(w => JsonNode.DeepEquals(w, r))).Select(Show).ToList();
            var dropped = written.Where(w => !renders.Any(r => JsonNode.DeepEquals(w, r))).Select(Show).ToList();
            var parts = new List<string>();
            if (added.Count > 0)
            {
                parts.Add($"the class adds {string.Join(", ", added)}");
            }

            if (dropped.Count > 0)
            {
                parts.Add($"the class leaves out {string.Join(", ", dropped)}");
            }

            if (parts.Count > 0)
            {
                return string.Join("; ", parts);
            }
        }

        return $"written as {Show(input)}, the class renders {Show(rendered)}";
    }

    public static string Show(JsonNode? value)
    {
        if (value is null)
        {
            return "nothing";
        }

        var text = value.ToJsonString();
        return text.Length <= MaxShown ? text : text[..MaxShown] + "...";
    }
}
