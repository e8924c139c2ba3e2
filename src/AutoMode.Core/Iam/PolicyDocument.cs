using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoMode.Core.Iam;

/// <summary>
/// An IAM policy document in normal form, so that two documents that mean the same compare equal: statements ordered
/// by Sid then content; Action/NotAction/Resource/NotResource (and principal and condition values) as sorted,
/// de-duplicated arrays; condition operators and keys ordered; whitespace irrelevant. IAM's GetRolePolicy returns
/// documents URL-encoded (RFC 3986); Parse accepts that form too.
/// </summary>
public sealed class PolicyDocument
{
    private const string VersionKey = "Version";

    private static readonly string[] ListElements = ["Action", "NotAction", "Resource", "NotResource"];
    private static readonly string[] PrincipalElements = ["Principal", "NotPrincipal"];
    private static readonly string[] DocumentKeyOrder = ["Version", "Id", "Statement"];
    private static readonly string[] StatementKeyOrder =
        ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    private static readonly JsonSerializerOptions Minified = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    private static readonly JsonSerializerOptions Indented = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        IndentSize = 2,
    };

    private readonly JsonObject document;
    private readonly string canonical;

    private PolicyDocument(JsonObject document)
    {
        this.document = document;
        canonical = document.ToJsonString(Minified);
        Statements = document["Statement"] is JsonArray statements
            ? statements.OfType<JsonObject>().Select(ToStatement).ToList()
            : [];
    }

    public string? Version => document[VersionKey] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>Reads JSON text or URL-encoded JSON text. Throws FormatException when it is not a policy document.</summary>
    public static PolicyDocument Parse(string text) =>
        TryParse(text, out var document, out var error)
            ? document
            : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out PolicyDocument? document) =>
        TryParse(text, out document, out _);

    /// <summary>True when both texts parse and mean the same policy. Never throws: garbage is not equivalent to anything.</summary>
    public static bool AreEquivalent(string? a, string? b) =>
        TryParse(a, out var left) && TryParse(b, out var right) && left.IsEquivalentTo(right);

    public bool IsEquivalentTo(PolicyDocument other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(canonical, other.canonical, StringComparison.Ordinal);
    }

    /// <summary>Minified normal form: what the operator sends to PutRolePolicy and compares.</summary>
    public string ToCanonicalJson() => canonical;

    public string ToIndentedJson() => document.ToJsonString(Indented);

    public override string ToString() => canonical;

    internal static PolicyDocument FromJson(JsonObject json) =>
        TryNormaliseDocument(json, out var normal, out var error)
            ? new PolicyDocument(normal)
            : throw new ArgumentException(error, nameof(json));

    private static bool TryParse(string? text, [NotNullWhen(true)] out PolicyDocument? document, out string error)
    {
        document = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the policy document is empty";
            return false;
        }

        var json = text.TrimStart();
        if (!json.StartsWith('{') && json.Contains('%', StringComparison.Ordinal))
        {
            json = Uri.UnescapeDataString(json);
        }

        JsonNode? root;
        try
        {
            using var parsed = JsonDocument.Parse(json);
            root = ToNode(parsed.RootElement);
        }
        catch (JsonException ex)
        {
            error = $"the policy document is not JSON: {ex.Message}";
            return false;
        }

        if (root is not JsonObject rootObject)
        {
            error = "the policy document is not a JSON object";
            return false;
        }

        if (!TryNormaliseDocument(rootObject, out var normal, out error))
        {
            return false;
        }

        document = new PolicyDocument(normal);
        return true;
    }

    /// <summary>Builds nodes by hand so duplicate keys (last one wins, as in IAM's parser) cannot throw.</summary>
    private static JsonNode? ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = ToNode(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(ToNode(item));
                }

                return array;
            case JsonValueKind.String:
                return JsonValue.Create(element.GetString());
            case JsonValueKind.True:
                return JsonValue.Create(true);
            case JsonValueKind.False:
                return JsonValue.Create(false);
            case JsonValueKind.Number:
                return JsonValue.Create(element.GetRawText());
            default:
                return null;
        }
    }

    private static bool TryNormaliseDocument(JsonObject json, out JsonObject normal, out string error)
    {
        normal = new JsonObject();
        error = "";
        var statementNode = json["Statement"];
        var statements = statementNode switch
        {
            JsonObject single => [single],
            JsonArray many => many.ToList(),
            null => [],
            _ => null,
        };
        if (statements is null || statements.Any(s => s is not JsonObject))
        {
            error = "Statement must be an object or an array of objects";
            return false;
        }

        var normalised = statements
            .Select(s => NormaliseStatement((JsonObject)s!))
            .Select(s => (Sid: s["Sid"] is JsonValue v && v.TryGetValue<string>(out var sid) ? sid : "", Text: s.ToJsonString(Minified), Node: s))
            .OrderBy(s => s.Sid, StringComparer.Ordinal)
            .ThenBy(s => s.Text, StringComparer.Ordinal)
            .Select(s => (JsonNode?)s.Node)
            .ToArray();

        foreach (var key in Ordered(json.Select(p => p.Key), DocumentKeyOrder))
        {
            normal[key] = key == "Statement" ? new JsonArray(normalised) : Normalise(json[key]);
        }

        return true;
    }

    private static JsonObject NormaliseStatement(JsonObject statement)
    {
        var result = new JsonObject();
        foreach (var key in Ordered(statement.Select(p => p.Key), StatementKeyOrder))
        {
            var value = statement[key];
            result[key] = key switch
            {
                _ when ListElements.Contains(key, StringComparer.Ordinal) => StringList(value),
                _ when PrincipalElements.Contains(key, StringComparer.Ordinal) => value is JsonObject principals
                    ? MapOfLists(principals)
                    : Normalise(value),
                "Condition" when value is JsonObject conditions => new JsonObject(
                    conditions.OrderBy(p => p.Key, StringComparer.Ordinal)
                        .Select(p => KeyValuePair.Create(p.Key, p.Value is JsonObject keys ? (JsonNode?)MapOfLists(keys) : Normalise(p.Value)))),
                _ => Normalise(value),
            };
        }

        return result;
    }

    private static JsonObject MapOfLists(JsonObject map) => new(
        map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, StringList(p.Value))));

    /// <summary>"x" and ["x"] mean the same to IAM, as do true and "true" in condition values.</summary>
    private static JsonNode? StringList(JsonNode? value)
    {
        IEnumerable<JsonNode?> items = value is JsonArray array ? array : new[] { value };
        if (items.Any(i => i is JsonObject or JsonArray))
        {
            return Normalise(value);
        }

        return new JsonArray(items
            .Select(ScalarText)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(s => (JsonNode?)JsonValue.Create(s))
            .ToArray());
    }

    private static string ScalarText(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        _ => node.ToJsonString(Minified),
    };

    /// <summary>Anything we do not know: objects get ordinal key order, arrays keep their order.</summary>
    private static JsonNode? Normalise(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Normalise(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Normalise).ToArray()),
        JsonValue value when value.TryGetValue<string>(out var s) => JsonValue.Create(s),
        JsonValue value when value.TryGetValue<bool>(out var b) => JsonValue.Create(b),
        JsonValue value => JsonValue.Create(value.ToJsonString(Minified)),
        _ => null,
    };

    private static IEnumerable<string> Ordered(IEnumerable<string> keys, string[] priority)
    {
        var list = keys.ToList();
        return priority.Where(list.Contains)
            .Concat(list.Where(k => !priority.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal));
    }

    private static PolicyStatement ToStatement(JsonObject statement) => new()
    {
        Sid = Text(statement["Sid"]),
        Effect = Text(statement["Effect"]),
        Actions = Texts(statement["Action"]),
        NotActions = Texts(statement["NotAction"]),
        Resources = Texts(statement["Resource"]),
        NotResources = Texts(statement["NotResource"]),
        Conditions = statement["Condition"] is JsonObject conditions
            ? conditions.ToDictionary(
                p => p.Key,
                p => (IReadOnlyDictionary<string, IReadOnlyList<string>>)(p.Value is JsonObject keys
                    ? keys.ToDictionary(k => k.Key, k => (IReadOnlyList<string>)Texts(k.Value), StringComparer.Ordinal)
                    : new Dictionary<string, IReadOnlyList<string>>()),
                StringComparer.Ordinal)
            : new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(),
    };

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static List<string> Texts(JsonNode? node) => node is JsonArray array
        ? array.Select(i => i is null ? "null" : ScalarText(i)).ToList()
        : [];
}
