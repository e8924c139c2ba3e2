using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube;

/// <summary>One <c>metadata.managedFields</c> entry: the field paths (<see cref="Ssa.FieldPath"/>) a manager owns through one operation.</summary>
internal sealed class ManagedEntry(string manager, string operation, string? subresource, string apiVersion)
{
    public string Manager { get; } = manager;

    public string Operation { get; } = operation;

    public string? Subresource { get; } = subresource;

    public string ApiVersion { get; set; } = apiVersion;

    public string Time { get; set; } = string.Empty;

    public HashSet<string> Fields { get; init; } = new(StringComparer.Ordinal);

    public bool Is(string manager, string operation, string? subresource) =>
        Manager == manager && Operation == operation && Subresource == subresource;

    public bool SameKey(ManagedEntry other) => Is(other.Manager, other.Operation, other.Subresource);

    public ManagedEntry Clone() => new(Manager, Operation, Subresource, ApiVersion)
    {
        Time = Time,
        Fields = new HashSet<string>(Fields, StringComparer.Ordinal),
    };

    public JsonObject ToJson()
    {
        var entry = new JsonObject
        {
            ["manager"] = Manager,
            ["operation"] = Operation,
            ["apiVersion"] = ApiVersion,
            ["time"] = Time,
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = Ssa.FieldPath.ToFieldsV1(Fields),
        };
        if (Subresource is not null)
        {
            entry["subresource"] = Subresource;
        }

        return entry;
    }

    public static ManagedEntry? FromJson(JsonNode? node)
    {
        if (node is not JsonObject obj || obj["manager"]?.GetValue<string>() is not { } manager)
        {
            return null;
        }

        return new ManagedEntry(
            manager,
            obj["operation"]?.GetValue<string>() ?? "Update",
            obj["subresource"]?.GetValue<string>(),
            obj["apiVersion"]?.GetValue<string>() ?? string.Empty)
        {
            Time = obj["time"]?.GetValue<string>() ?? string.Empty,
            Fields = obj["fieldsV1"] is JsonObject fields ? Ssa.FieldPath.FromFieldsV1(fields) : new HashSet<string>(StringComparer.Ordinal),
        };
    }
}
