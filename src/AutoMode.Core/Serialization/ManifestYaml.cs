using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace AutoMode.Core.Serialization;

/// <summary>
/// Deterministic YAML for Kubernetes objects: the same object always gives byte-identical text. apiVersion, kind,
/// metadata, spec come first; metadata starts with name, labels, annotations, ownerReferences; string maps are
/// sorted by key (SortedStringMapConverter); strings YAML could misread ("0", "10%", "on", "*", "08:00") are quoted.
/// </summary>
public static partial class ManifestYaml
{
    public const string DocumentSeparator = "---\n";

    private static readonly string[] RootOrder = ["apiVersion", "kind", "metadata", "spec", "status"];
    private static readonly string[] MetadataOrder = ["name", "namespace", "labels", "annotations", "ownerReferences"];
    private static readonly string[] OwnerReferenceOrder = ["apiVersion", "kind", "name", "uid", "controller", "blockOwnerDeletion"];

    /// <summary>YAML 1.1 and 1.2 words that a plain scalar would turn into a boolean or null.</summary>
    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~",
    };

    /// <summary>Any object ManifestJsonContext knows (WorkloadClass, NodeClass, NodePool, NodeClaim and their lists).</summary>
    public static string Serialize(object value) => Serialize(ToJsonNode(value));

    public static string Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => Serialize(JsonSerializer.SerializeToNode(value, typeInfo));

    public static JsonNode? ToJsonNode(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var typeInfo = ManifestJsonContext.Default.GetTypeInfo(value.GetType());
        if (typeInfo is null || typeInfo.Type == typeof(object))
        {
            throw new ArgumentException($"{value.GetType()} is not registered in {nameof(ManifestJsonContext)}", nameof(value));
        }

        return JsonSerializer.SerializeToNode(value, typeInfo);
    }

    public static string Serialize(JsonNode? node)
    {
        var builder = new StringBuilder();
        switch (node)
        {
            case JsonObject { Count: > 0 } obj:
                WriteMapping(builder, obj, 0, "", inline: false);
                break;
            case JsonArray { Count: > 0 } array:
                WriteSequence(builder, array, 0, "", inline: false);
                break;
            default:
                builder.Append(Scalar(node)).Append('\n');
                break;
        }

        return builder.ToString();
    }

    /// <summary>Joins documents into one multi-document stream.</summary>
    public static string JoinDocuments(IEnumerable<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return string.Join(DocumentSeparator, documents.Select(d => d.EndsWith('\n') ? d : d + "\n"));
    }

    /// <summary>A string as a YAML scalar: plain when unambiguous, double-quoted otherwise.</summary>
    public static string FormatString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IsPlainSafe(value) ? value : Quote(value);
    }

    private static void WriteMapping(StringBuilder builder, JsonObject obj, int indent, string path, bool inline)
    {
        var first = true;
        foreach (var key in KeyOrder(obj, path))
        {
            if (!(first && inline))
            {
                builder.Append(' ', indent);
            }

            first = false;
            builder.Append(FormatString(key)).Append(':');
            WriteValue(builder, obj[key], indent, Child(path, key));
        }
    }

    private static void WriteValue(StringBuilder builder, JsonNode? value, int indent, string path)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } child:
                builder.Append('\n');
                WriteMapping(builder, child, indent + 2, path, inline: false);
                break;
            case JsonArray { Count: > 0 } items:
                builder.Append('\n');
                WriteSequence(builder, items, indent + 2, path, inline: false);
                break;
            default:
                builder.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void WriteSequence(StringBuilder builder, JsonArray array, int indent, string path, bool inline)
    {
        var first = true;
        foreach (var item in array)
        {
            if (!(first && inline))
            {
                builder.Append(' ', indent);
            }

            first = false;
            builder.Append("- ");
            switch (item)
            {
                case JsonObject { Count: > 0 } obj:
                    WriteMapping(builder, obj, indent + 2, path + "[]", inline: true);
                    break;
                case JsonArray { Count: > 0 } nested:
                    WriteSequence(builder, nested, indent + 2, path + "[]", inline: true);
                    break;
                default:
                    builder.Append(Scalar(item)).Append('\n');
                    break;
            }
        }
    }

    private static string Child(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static IEnumerable<string> KeyOrder(JsonObject obj, string path)
    {
        var keys = obj.Select(p => p.Key).ToList();
        string[] priority = path switch
        {
            "" => RootOrder,
            "metadata" or "items[].metadata" => MetadataOrder,
            "metadata.ownerReferences[]" or "items[].metadata.ownerReferences[]" => OwnerReferenceOrder,
            _ => [],
        };
        return priority.Length == 0
            ? keys
            : priority.Where(keys.Contains).Concat(keys.Where(k => !priority.Contains(k, StringComparer.Ordinal)));
    }

    private static string Scalar(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonObject:
                return "{}";
            case JsonArray:
                return "[]";
        }

        return node.GetValueKind() switch
        {
            JsonValueKind.String => FormatString(node.GetValue<string>()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => "null",
            _ => node.ToJsonString(),
        };
    }

    private static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || ReservedWords.Contains(value))
        {
            return false;
        }

        var firstChar = value[0];
        if (!(char.IsAsciiLetterOrDigit(firstChar) || firstChar is '/' or '_'))
        {
            return false;
        }

        if (value[^1] == ':' || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '@' or '+' or '='))
        {
            return false;
        }

        // Numbers, octal/hex/binary, sexagesimal times (08:00) and dates in YAML 1.1 or 1.2.
        return !(char.IsAsciiDigit(firstChar) && (NumberLike().IsMatch(value) || DateLike().IsMatch(value)));
    }

    private static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\ufeff')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    [GeneratedRegex("^[0-9][0-9a-fA-F._:xXoO+-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberLike();

    [GeneratedRegex("^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", RegexOptions.CultureInvariant)]
    private static partial Regex DateLike();
}
