using System.Text.RegularExpressions;

namespace AutoMode.Testing.Schemas;

/// <summary>Builds field paths in the style the WorkloadClass validator uses: <c>spec.tags["a/b"]</c>, <c>spec.subnets[1].id</c>.</summary>
internal static partial class PathFormat
{
    public static string Property(string parent, string name)
    {
        if (!SimpleName().IsMatch(name))
        {
            return $"{parent}[\"{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";
        }

        return parent.Length == 0 ? name : parent + "." + name;
    }

    /// <summary>A map entry (additionalProperties): always bracketed, as the C# validator writes <c>spec.tags["Team"]</c>.</summary>
    public static string Key(string parent, string key) =>
        $"{parent}[\"{key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SimpleName();
}
