using System.Text.Json;
using System.Text.Json.Nodes;
using AutoMode.Core.Desired;

namespace AutoMode.Core.Import;

/// <summary>
/// The fields the operator owns on a NodeClass or NodePool spec, in a form where "the same" means equal JSON: the
/// defaults the renderer writes made explicit, empty lists and maps dropped, requirements in one order with sorted
/// values (they are ANDed; order means nothing), and the one thing every class sets on purpose (its own NodeClass
/// name) set. The class's node label is compared as written: <c>import</c> keeps a pool without it unlabelled
/// (<c>spec.labelNodes: false</c>). Used to check an import and by the round-trip tests.
/// </summary>
public static class OwnedFields
{
    public static JsonObject NodeClassSpec(JsonNode? spec)
    {
        var result = Prune(spec?.DeepClone()) as JsonObject ?? [];
        var storage = Child(result, "ephemeralStorage");
        storage.TryAdd("size", AutoModeDefaults.EphemeralStorageSize);
        storage.TryAdd("iops", AutoModeDefaults.EphemeralStorageIops);
        storage.TryAdd("throughput", AutoModeDefaults.EphemeralStorageThroughput);
        result.TryAdd("networkPolicy", AutoModeDefaults.NetworkPolicy);
        result.TryAdd("networkPolicyEventLogs", AutoModeDefaults.NetworkPolicyEventLogs);
        result.TryAdd("snatPolicy", AutoModeDefaults.SnatPolicy);
        return result;
    }

    public static JsonObject NodePoolSpec(JsonNode? spec, string className)
    {
        var result = Prune(spec?.DeepClone()) as JsonObject ?? [];
        var template = Child(result, "template");

        // Present on both sides, so that a difference inside it names its field (labels, annotations).
        Child(template, "metadata");
        var templateSpec = Child(template, "spec");
        Child(templateSpec, "nodeClassRef")["name"] = className;
        templateSpec.TryAdd("expireAfter", AutoModeDefaults.ExpireAfter);
        templateSpec.TryAdd("terminationGracePeriod", AutoModeDefaults.TerminationGracePeriod);
        if (templateSpec["requirements"] is JsonArray requirements)
        {
            templateSpec["requirements"] = SortedRequirements(requirements);
        }

        if (result["limits"] is JsonObject limits)
        {
            foreach (var key in limits.Select(p => p.Key).ToList())
            {
                limits[key] = Quantity(limits[key]);
            }
        }

        var disruption = Child(result, "disruption");
        disruption.TryAdd("consolidationPolicy", AutoModeDefaults.ConsolidationPolicy);
        disruption.TryAdd("consolidateAfter", AutoModeDefaults.ConsolidateAfter);
        if (disruption["budgets"] is not JsonArray budgets)
        {
            disruption["budgets"] = new JsonArray(new JsonObject { ["nodes"] = AutoModeDefaults.BudgetNodes });
        }
        else
        {
            foreach (var budget in budgets.OfType<JsonObject>())
            {
                budget.TryAdd("nodes", AutoModeDefaults.BudgetNodes);
            }
        }

        return result;
    }

    /// <summary>Where <paramref name="input"/> and <paramref name="rendered"/> differ, as (path, input value, rendered value).</summary>
    public static IReadOnlyList<(string Path, JsonNode? Input, JsonNode? Rendered)> Differences(JsonNode? input, JsonNode? rendered, string path)
    {
        var differences = new List<(string, JsonNode?, JsonNode?)>();
        Compare(input, rendered, path, differences);
        return differences;
    }

    /// <summary>Limits may be written as numbers (cpu: 100); the API server keeps them as quantities, i.e. strings.</summary>
    public static JsonNode? Quantity(JsonNode? value) =>
        value is JsonValue number && number.GetValueKind() == JsonValueKind.Number ? JsonValue.Create(number.ToJsonString()) : value?.DeepClone();

    private static void Compare(JsonNode? input, JsonNode? rendered, string path, List<(string, JsonNode?, JsonNode?)> differences)
    {
        if (JsonNode.DeepEquals(input, rendered))
        {
            return;
        }

        if (input is JsonObject left && rendered is JsonObject right)
        {
            foreach (var key in left.Select(p => p.Key).Union(right.Select(p => p.Key), StringComparer.Ordinal))
            {
                Compare(left[key], right[key], key.Contains('.', StringComparison.Ordinal) ? $"{path}[\"{key}\"]" : $"{path}.{key}", differences);
            }

            return;
        }

        if (input is JsonArray leftList && rendered is JsonArray rightList && leftList.Count == rightList.Count)
        {
            for (var i = 0; i < leftList.Count; i++)
            {
                Compare(leftList[i], rightList[i], $"{path}[{i}]", differences);
            }

            return;
        }

        differences.Add((path, input, rendered));
    }

    private static JsonArray SortedRequirements(JsonArray requirements)
    {
        foreach (var requirement in requirements.OfType<JsonObject>())
        {
            if (requirement["values"] is JsonArray values)
            {
                requirement["values"] = new JsonArray([.. values.Select(v => v?.ToString() ?? "").Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal).Select(v => (JsonNode)JsonValue.Create(v))]);
            }
        }

        return new JsonArray([.. requirements.Select(r => r?.DeepClone()).OrderBy(SortKey, StringComparer.Ordinal)]);

        static string SortKey(JsonNode? r) =>
            $"{r?["key"]}\0{r?["operator"]}\0{(r?["values"] as JsonArray)?.ToJsonString()}\0{r?["minValues"]}";
    }

    private static JsonObject Child(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    /// <summary>Nulls, empty lists and empty maps say nothing: the renderer leaves them out, and so may a person.</summary>
    private static JsonNode? Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var pruned = Prune(obj[key]);
                    if (pruned is null)
                    {
                        obj.Remove(key);
                    }
                }

                return obj.Count == 0 ? null : obj;
            case JsonArray array:
                foreach (var item in array)
                {
                    Prune(item);
                }

                return array.Count == 0 ? null : array;
            default:
                return node;
        }
    }
}
