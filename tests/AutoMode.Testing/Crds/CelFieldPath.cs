using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static AutoMode.Testing.Crds.SchemaNode;

namespace AutoMode.Testing.Crds;

/// <summary>
/// A reduced cel.ValidFieldPath (apiextensions-apiserver pkg/apiserver/schema/cel/validation.go): the fieldPath of an
/// x-kubernetes-validations rule is a relative JSON path of <c>.name</c>, <c>['key']</c> and <c>[index]</c> steps that
/// must lead through declared properties, additionalProperties or list items of the node that carries the rule.
/// </summary>
internal static partial class CelFieldPath
{
    public static bool IsValid(JsonObject schema, string path)
    {
        var position = 0;
        var current = schema;
        if (path.Length == 0 || (path[0] != '.' && path[0] != '['))
        {
            return false;
        }

        while (position < path.Length)
        {
            var step = Step().Match(path, position);
            if (!step.Success || step.Index != position)
            {
                return false;
            }

            position += step.Length;
            if (step.Groups["index"].Success)
            {
                if (Str(current, "type") != "array" || Obj(current, "items") is not { } items)
                {
                    return false;
                }

                current = items;
                continue;
            }

            var name = step.Groups["name"].Success ? step.Groups["name"].Value : Regex.Unescape(step.Groups["key"].Value);
            if (Properties(current)[name] is JsonObject property)
            {
                current = property;
            }
            else if (Obj(current, "additionalProperties") is { } values)
            {
                current = values;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex("""\G(\.(?<name>[A-Za-z_][A-Za-z0-9_]*)|\['(?<key>(\\.|[^'\\])*)'\]|\[(?<index>[0-9]+)\])""")]
    private static partial Regex Step();
}
