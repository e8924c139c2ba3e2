using System.Globalization;
using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube;

/// <summary>RFC 6902 JSON patch: add, remove, replace, test, copy and move.</summary>
internal static class JsonPatchDocument
{
    public static JsonObject Apply(JsonObject target, JsonArray operations)
    {
        var document = (JsonObject)target.DeepClone();
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op || op["op"]?.GetValue<string>() is not { } kind || op["path"]?.GetValue<string>() is not { } path)
            {
                throw FakeApiException.BadRequest("json patch operation needs op and path");
            }

            switch (kind)
            {
                case "add":
                    Add(document, path, op["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(document, path);
                    break;
                case "replace":
                    Remove(document, path);
                    Add(document, path, op["value"]?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(document, path), op["value"]))
                    {
                        throw new FakeApiException(422, "Invalid", $"json patch test failed at {path}");
                    }

                    break;
                case "copy":
                    Add(document, path, Get(document, From(op))?.DeepClone());
                    break;
                case "move":
                    var value = Get(document, From(op))?.DeepClone();
                    Remove(document, From(op));
                    Add(document, path, value);
                    break;
                default:
                    throw FakeApiException.BadRequest($"unsupported json patch op {kind}");
            }
        }

        return document;
    }

    private static string From(JsonObject op) =>
        op["from"]?.GetValue<string>() ?? throw FakeApiException.BadRequest("json patch op needs from");

    private static string[] Tokens(string path) =>
        path.Length == 0 ? [] : path[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToArray();

    private static JsonNode? Get(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var token in Tokens(path))
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
                JsonArray array when int.TryParse(token, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < array.Count => array[i],
                _ => throw new FakeApiException(422, "Invalid", $"json patch path {path} does not exist"),
            };
        }

        return node;
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode root, string path)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0)
        {
            throw FakeApiException.BadRequest("json patch on the document root is not supported");
        }

        var parent = Get(root, "/" + string.Join('/', tokens[..^1].Select(t => t.Replace("~", "~0").Replace("/", "~1"))));
        return (parent ?? throw new FakeApiException(422, "Invalid", $"json patch parent of {path} is null"), tokens[^1]);
    }

    private static void Add(JsonNode root, string path, JsonNode? value)
    {
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(last, CultureInfo.InvariantCulture, out var i) && i >= 0 && i <= array.Count:
                array.Insert(i, value);
                break;
            default:
                throw new FakeApiException(422, "Invalid", $"json patch cannot add at {path}");
        }
    }

    private static void Remove(JsonNode root, string path)
    {
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj.Remove(last);
                break;
            case JsonArray array when int.TryParse(last, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < array.Count:
                array.RemoveAt(i);
                break;
            default:
                throw new FakeApiException(422, "Invalid", $"json patch path {path} does not exist");
        }
    }
}
