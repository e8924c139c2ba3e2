using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AutoMode.Operator.Tests.Config;

/// <summary>Turns a JSON object into a Lua table literal, the shape Argo CD hands to health checks as <c>obj</c>.</summary>
internal static class LuaTable
{
    public static string From(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("nil");
                break;
            case JsonObject obj:
                builder.Append('{');
                foreach (var (key, value) in obj)
                {
                    builder.Append('[').Append(Quote(key)).Append("]=");
                    Write(builder, value);
                    builder.Append(',');
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('{');
                foreach (var item in array)
                {
                    Write(builder, item);
                    builder.Append(',');
                }

                builder.Append('}');
                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                builder.Append(Quote(text));
                break;
            case JsonValue value when value.TryGetValue<bool>(out var flag):
                builder.Append(flag ? "true" : "false");
                break;
            default:
                builder.Append(node.ToJsonString().ToString(CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
