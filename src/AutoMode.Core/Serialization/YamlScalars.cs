using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AutoMode.Core.Serialization;

/// <summary>
/// What a plain YAML scalar means, by YAML 1.1 as goyaml.v2 resolves it (sigs.k8s.io/yaml/goyaml.v2/resolve.go):
/// null, yes/no/on/off booleans, integers with underscores, floats; quoted or !!str-tagged scalars stay strings.
/// </summary>
internal static partial class YamlScalars
{
    private static readonly HashSet<string> NullWords = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };
    private static readonly HashSet<string> TrueWords = new(StringComparer.Ordinal)
    {
        "true", "True", "TRUE", "y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
    };

    private static readonly HashSet<string> FalseWords = new(StringComparer.Ordinal)
    {
        "false", "False", "FALSE", "n", "N", "no", "No", "NO", "off", "Off", "OFF",
    };

    public static JsonValue? ToJson(Scalar scalar)
    {
        var value = scalar.Value;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || scalar.Style is not ScalarStyle.Plain and not ScalarStyle.Any)
        {
            return JsonValue.Create(value);
        }

        if (NullWords.Contains(value))
        {
            return null;
        }

        if (TrueWords.Contains(value))
        {
            return JsonValue.Create(true);
        }

        if (FalseWords.Contains(value))
        {
            return JsonValue.Create(false);
        }

        if (IntPattern().IsMatch(value) && long.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return JsonValue.Create(whole);
        }

        if (FloatPattern().IsMatch(value)
            && double.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(value);
    }

    [GeneratedRegex("^[-+]?[0-9][0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
